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
  /** How precise `mtime` is, when the server said (LIST often gives only the day). */
  mtimePrecision?: 'day' | 'minute' | 'second' | 'millisecond' | null;
  permissions: string | null;
  owner?: string | null;
  hidden: boolean;
  linkTarget?: string;
}

/** Columns a pane can sort by. */
export type SortColumn = 'name' | 'size' | 'type' | 'modified' | 'permissions' | 'owner';
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
  // Text columns: each entry's key is worked out once, not once per comparison
  // (a 100,000-entry sort compares about 1.7 million times).
  const textKey = TEXT_KEYS[order.column];
  const keys = textKey ? new Map(entries.map((e) => [e, textKey(e)])) : null;
  const byColumn = (a: PaneEntry, b: PaneEntry): number => {
    if (keys) {
      const [ka, kb] = [keys.get(a)!, keys.get(b)!];
      return ka === kb ? 0 : collator.compare(ka, kb);
    }
    if (order.column === 'size') return (a.size ?? -1) - (b.size ?? -1);
    if (order.column === 'modified') return (a.mtime ?? 0) - (b.mtime ?? 0);
    return 0;
  };
  return [...entries].sort((a, b) => {
    if (a.isFolder !== b.isFolder) return a.isFolder ? -1 : 1;
    return sign * (byColumn(a, b) || collator.compare(a.name, b.name));
  });
}

const TEXT_KEYS: Partial<Record<SortColumn, (entry: PaneEntry) => string>> = {
  type: typeLabel,
  permissions: (entry) => entry.permissions ?? '',
  owner: (entry) => entry.owner ?? '',
};
