/** What a pane shows per row, whether the entry is local or remote. */

/** One row of a file pane. */
export interface PaneEntry {
  /** Stable row key: the entry's full path. */
  key: string;
  name: string;
  kind: 'file' | 'dir' | 'link';
  /** Folders, and links that point at folders, open on double-click. */
  isFolder: boolean;
  size: number | null;
  mtime: number | null;
  permissions: string | null;
  owner?: string | null;
  hidden: boolean;
  linkTarget?: string;
}

/** Columns a pane can sort by. */
export type SortColumn = 'name' | 'size' | 'type' | 'modified';
/** A sort order. */
export interface SortOrder {
  column: SortColumn;
  direction: 'asc' | 'desc';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The type column's text: "Folder", "Link", or the extension ("PNG file"). */
export function typeLabel(entry: PaneEntry): string {
  if (entry.isFolder) return entry.kind === 'link' ? 'Folder link' : 'Folder';
  const dot = entry.name.lastIndexOf('.');
  const extension = dot > 0 ? entry.name.slice(dot + 1).toUpperCase() : '';
  if (entry.kind === 'link') return 'Link';
  return extension ? `${extension} file` : 'File';
}

/** Folders first, then by the chosen column (name breaks ties), as every file manager does. */
export function sortEntries(entries: readonly PaneEntry[], order: SortOrder): PaneEntry[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  const byColumn = (a: PaneEntry, b: PaneEntry): number => {
    switch (order.column) {
      case 'size':
        return (a.size ?? -1) - (b.size ?? -1);
      case 'modified':
        return (a.mtime ?? 0) - (b.mtime ?? 0);
      case 'type':
        return collator.compare(typeLabel(a), typeLabel(b));
      case 'name':
        return 0;
    }
  };
  return [...entries].sort((a, b) => {
    if (a.isFolder !== b.isFolder) return a.isFolder ? -1 : 1;
    return sign * (byColumn(a, b) || collator.compare(a.name, b.name));
  });
}
