/**
 * What was dropped from the operating system: the items taken out of the
 * drop event (files, and folders as file-system entries), and every file and
 * folder under them, walked with `webkitGetAsEntry` and directory readers.
 */

/** One dropped file or folder, by its names from the dropped item down. */
export interface DroppedEntry {
  path: string[];
  kind: 'file' | 'dir';
  file?: File;
}

/** What was dropped, taken from the event before it ends (a DataTransfer empties itself afterwards). */
export interface DroppedRoots {
  entries: FileSystemEntry[];
  /** Files without an entry (some sources give no file-system entries). */
  files: File[];
}

/** Takes the dropped items out of a drop event. Call it synchronously in the handler. */
export function takeDropped(data: DataTransfer): DroppedRoots {
  const entries: FileSystemEntry[] = [];
  const files: File[] = [];
  for (const item of [...data.items]) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) files.push(file);
    }
  }
  if (entries.length === 0 && files.length === 0) files.push(...data.files);
  return { entries, files };
}

/** How many items were dropped (top level). */
export function droppedCount(roots: DroppedRoots): number {
  return roots.entries.length + roots.files.length;
}

/** Every file and folder of the drop, folders walked to the bottom. */
export async function walkDropped(roots: DroppedRoots): Promise<DroppedEntry[]> {
  const out: DroppedEntry[] = roots.files.map((file) => ({ path: [file.name], kind: 'file', file }));
  const walk = async (entry: FileSystemEntry, path: string[]): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path, kind: 'file', file });
      return;
    }
    if (!entry.isDirectory) return;
    out.push({ path, kind: 'dir' });
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in portions (100 at a time in Chromium) until it answers with none.
    for (;;) {
      const portion = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (portion.length === 0) break;
      for (const child of portion) await walk(child, [...path, child.name]);
    }
  };
  for (const entry of roots.entries) await walk(entry, [entry.name]);
  return out;
}
