/** Handlers of `remote.*` methods: the remote pane's connections and file operations. */
import type { remoteMethods } from '../../../shared/contract/remote';
import { FerryError } from '../../../shared/errors';
import { baseNameRemote } from '../../../shared/paths/remote-path';
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
      await sessions.run(sessionId, async (fs) => {
        // "Create folder" on a name that exists must say so. MKD / SFTP mkdir refuse an
        // existing name, each in its own words: look only then, and name the reason.
        try {
          await fs.mkdir(path);
        } catch (error) {
          if (fs.connected && (await fs.stat(path).catch(() => null))) throw new FerryError('EEXIST', `${baseNameRemote(path)} already exists.`);
          throw error;
        }
      });
      return {};
    },
    'remote.rename': async ({ sessionId, from, to }) => {
      await sessions.run(sessionId, async (fs) => {
        // FTP's RNTO replaces an existing file on most servers; a rename in the pane never should.
        if (await fs.stat(to)) throw new FerryError('EEXIST', `${baseNameRemote(to)} already exists; choose another name.`);
        await fs.rename(from, to);
      });
      return {};
    },
    'remote.remove': async ({ sessionId, items }) => sessions.run(sessionId, (fs) => removeItems(fs, items)),
    'remote.chmod': async ({ sessionId, items, mode, recurse }) => sessions.run(sessionId, (fs) => chmodItems(fs, items, mode, recurse)),
  };
}
