/** The local pane's file operations, carried out by the main process. */
import { api } from '../api';
import type { PaneOperations } from './pane-operations';

/** Operations on this machine's files. */
export const localOperations: PaneOperations = {
  async createFolder(folder, name) {
    return (await api().call('local.mkdir', { parent: folder, name })).path;
  },
  async rename(entry, name) {
    return (await api().call('local.rename', { path: entry.key, name })).path;
  },
  async remove(entries) {
    const { removed, failed } = await api().call('local.remove', { paths: entries.map((e) => e.key) });
    return { done: removed, failed };
  },
  async resolveTypedPath(text) {
    const typed = text.trim();
    if (typed === '') throw new Error('Type a folder path, for example /home.');
    // `~` is the home folder, as in a shell; the main process resolves everything else.
    if (typed === '~' || typed.startsWith('~/')) {
      const { path: home } = await api().call('local.home', {});
      return typed === '~' ? home : `${home}${typed.slice(1)}`;
    }
    return typed;
  },
  async childPath(folder, name) {
    return (await api().call('local.join', { base: folder, name })).path;
  },
};
