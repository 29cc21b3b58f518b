/** Handlers of `local.*` methods: the local pane's view of this machine. */
import type { localMethods } from '../../../shared/contract/local';
import { FerryError } from '../../../shared/errors';
import { homeFolder, listLocalFolder } from '../../local/local-fs';
import { createFolder, removeEntries, renameEntry } from '../../local/local-operations';
import { joinEntry, parentOf } from '../../local/paths';
import type { HandlerTable } from '../types';

/** Builds the `local.*` handlers. */
export function localHandlers(): HandlerTable<keyof typeof localMethods> {
  return {
    'local.home': async () => ({ path: homeFolder() }),
    'local.list': async ({ path }) => listLocalFolder(path),
    'local.join': async ({ base, name }) => {
      const joined = joinEntry(base, name);
      if (joined === null) throw new FerryError('INVALID_INPUT', `"${name}" is not a single file or folder name.`);
      return { path: joined };
    },
    'local.parent': async ({ path }) => ({ path: parentOf(path) }),
    'local.mkdir': async ({ parent, name }) => ({ path: await createFolder(parent, name) }),
    'local.rename': async ({ path, name }) => ({ path: await renameEntry(path, name) }),
    'local.remove': async ({ paths }) => removeEntries(paths),
  };
}
