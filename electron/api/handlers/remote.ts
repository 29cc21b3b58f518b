/** Handlers of `remote.*` methods: the remote pane's connections and file operations. */
import type { remoteMethods } from '../../../shared/contract/remote';
import { chmodItems, removeItems } from '../../remote/bulk-operations';
import type { SessionManager } from '../../remote/sessions';
import type { HandlerTable } from '../types';

/** Builds the `remote.*` handlers over the session manager. */
export function remoteHandlers(sessions: SessionManager): HandlerTable<keyof typeof remoteMethods> {
  return {
    'remote.connect': async ({ target }) => sessions.connect(target),
    'remote.disconnect': async ({ sessionId }) => {
      await sessions.disconnect(sessionId);
      return {};
    },
    'remote.sessions': async () => sessions.list(),
    'remote.list': async ({ sessionId, path, hidden }) => sessions.listFolder(sessionId, path, hidden ?? false),
    'remote.mkdir': async ({ sessionId, path }) => {
      await sessions.run(sessionId, (fs) => fs.mkdir(path, { parents: true }));
      return {};
    },
    'remote.rename': async ({ sessionId, from, to }) => {
      await sessions.run(sessionId, (fs) => fs.rename(from, to));
      return {};
    },
    'remote.remove': async ({ sessionId, items }) => sessions.run(sessionId, (fs) => removeItems(fs, items)),
    'remote.chmod': async ({ sessionId, items, mode, recurse }) => sessions.run(sessionId, (fs) => chmodItems(fs, items, mode, recurse)),
  };
}
