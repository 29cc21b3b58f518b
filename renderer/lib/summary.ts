/** The summary line under a pane: what it shows, what is filtered out, what is selected. */
import type { PaneEntry } from './entries';
import { countLabel, humanSize } from './format';

/** "2 folders, 3 files, 15.2 KB". */
export function describeEntries(list: readonly PaneEntry[]): string {
  let folders = 0;
  let files = 0;
  let bytes = 0;
  for (const entry of list) {
    if (entry.isFolder) folders++;
    else {
      files++;
      bytes += entry.size ?? 0;
    }
  }
  const parts = [];
  if (folders > 0) parts.push(countLabel(folders, 'folder'));
  // "3 folders" rather than "3 folders, 0 files, 0 B".
  if (files > 0 || folders === 0) parts.push(`${countLabel(files, 'file')}, ${humanSize(bytes)}`);
  return parts.join(', ');
}

/**
 * The whole summary: the selection when there is one ("Selected 3 files,
 * 12 KB"), else the folder's contents, saying how many rows the filter or the
 * hidden-files switch leaves ("Showing 12 of 5,000 files").
 */
export function summaryText(all: readonly PaneEntry[], visible: readonly PaneEntry[], selected: readonly PaneEntry[]): string {
  if (selected.length > 0) return `Selected ${describeEntries(selected)}`;
  if (visible.length === all.length) return describeEntries(all);
  const folders = all.filter((e) => e.isFolder).length;
  const noun = folders === 0 ? 'file' : folders === all.length ? 'folder' : 'item';
  return `Showing ${visible.length.toLocaleString('en-US')} of ${countLabel(all.length, noun)}`;
}
