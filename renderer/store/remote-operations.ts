/** A server's file operations for its remote pane, through the session's connection. */
import type { SessionInfo } from '../../shared/contract/remote';
import { joinRemote, normalizeRemote, parentOfRemote } from '../../shared/paths/remote-path';
import { api } from '../api';
import { remoteUrl } from '../lib/remote-url';
import type { PaneEntry } from '../lib/entries';
import { editRemoteFile } from './editing';
import type { PaneOperations } from './pane-operations';

const cache = new WeakMap<SessionInfo, PaneOperations>();

/** The operations of `session`'s pane (the same object for the same session info, so memoized props stay equal). */
export function remoteOperations(session: SessionInfo): PaneOperations {
  let operations = cache.get(session);
  if (!operations) {
    operations = build(session);
    cache.set(session, operations);
  }
  return operations;
}

function build(session: SessionInfo): PaneOperations {
  const sessionId = session.id;
  const items = (entries: readonly PaneEntry[]) => entries.map((e) => ({ path: e.key, kind: e.kind }));
  return {
    edit: (path) => editRemoteFile(sessionId, path),
    async createFolder(folder, name) {
      const path = joinRemote(folder, name);
      await api().call('remote.mkdir', { sessionId, path });
      return path;
    },
    async rename(entry, name) {
      const folder = parentOfRemote(entry.key) ?? '/';
      const to = joinRemote(folder, name);
      await api().call('remote.rename', { sessionId, from: entry.key, to });
      return to;
    },
    async remove(entries) {
      const { removed, failed } = await api().call('remote.remove', { sessionId, items: items(entries) });
      return { done: removed, failed };
    },
    async chmod(entries, mode, recurse) {
      const { changed, failed } = await api().call('remote.chmod', { sessionId, items: items(entries), mode, recurse });
      return { done: changed, failed };
    },
    urlOf(path) {
      return remoteUrl(session, path);
    },
    async resolveTypedPath(text, current) {
      const typed = text.trim();
      if (typed === '') throw new Error('Type a folder path, for example /var/www.');
      if (typed.includes('\0')) throw new Error('A path cannot contain a NUL character.');
      // A relative path is relative to the folder shown, as `cd` would take it.
      return normalizeRemote(typed.startsWith('/') ? typed : joinRemote(current ?? session.home, typed));
    },
    async childPath(folder, name) {
      return joinRemote(folder, name);
    },
  };
}
