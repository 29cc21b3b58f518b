/** The local pane: this machine's files, listed by the main process. */
import type { LocalEntry } from '../../shared/contract/local';
import { api } from '../api';
import type { PaneEntry } from '../lib/entries';
import { showHiddenFor } from './layout';
import { createPaneStore } from './pane-store';

function toPaneEntry(entry: LocalEntry): PaneEntry {
  return {
    key: entry.path,
    name: entry.name,
    kind: entry.kind,
    isFolder: entry.kind === 'dir' || (entry.kind === 'link' && entry.targetKind === 'dir'),
    size: entry.kind === 'dir' ? null : entry.size,
    mtime: entry.mtime,
    permissions: entry.permissions,
    hidden: entry.hidden,
    linkTarget: entry.linkTarget,
  };
}

/**
 * The one local pane of the window. It starts in the home folder, where
 * dot-files are mostly settings (.cache, .config, …), so they are hidden at
 * first, as file managers do; the remote pane shows them (FileZilla's default),
 * because on a server `.htaccess` and friends are what people come to edit.
 */
export const localPane = createPaneStore(
  async (path) => {
    const listing = await api().call('local.list', { path });
    return { path: listing.path, parent: listing.parent, segments: listing.segments, entries: listing.entries.map(toPaneEntry) };
  },
  // The user's last choice for this side (store/layout), else hidden.
  { showHidden: showHiddenFor('Local', false) },
);

/** Opens the user's home folder, where the local pane starts. */
export async function openLocalHome(): Promise<void> {
  const { path } = await api().call('local.home', {});
  await localPane.getState().open(path);
}
