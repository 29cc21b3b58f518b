/** Builds pane entries for the renderer's unit tests. */
import type { PaneEntry } from './entries';

/** A file (or, with `isFolder`, a folder) named `name` in `/x`. */
export function testEntry(name: string, options: Partial<PaneEntry> = {}): PaneEntry {
  const isFolder = options.isFolder ?? false;
  return {
    key: `/x/${name}`,
    name,
    kind: isFolder ? 'dir' : 'file',
    isFolder,
    size: isFolder ? null : 0,
    mtime: 0,
    permissions: null,
    hidden: name.startsWith('.'),
    ...options,
  };
}
