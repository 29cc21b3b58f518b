/**
 * Deleting and changing permissions of several entries at once, folders
 * included. One failure does not stop the rest; each is reported.
 */
import type { RemoteItem } from '../../shared/contract/remote';
import { joinRemote } from '../../shared/paths/remote-path';
import type { RemoteFs } from '../protocol/remote-fs';

/** What did not work, per path. */
export interface BulkFailure {
  path: string;
  message: string;
}

/** Deletes files, links (never following them) and folders with their contents. */
export async function removeItems(fs: RemoteFs, items: readonly RemoteItem[]): Promise<{ removed: number; failed: BulkFailure[] }> {
  let removed = 0;
  const failed: BulkFailure[] = [];
  for (const item of items) {
    try {
      if (item.kind === 'dir') await fs.removeDir(item.path, { recursive: true });
      else await fs.removeFile(item.path);
      removed++;
    } catch (error) {
      failed.push({ path: item.path, message: messageOf(error) });
    }
  }
  return { removed, failed };
}

/** Which entries a recursive permission change touches, as in FileZilla's dialog. */
export type Recurse = 'none' | 'all' | 'files' | 'folders';

/** Sets `mode` on the items and, when asked, on what their folders contain. */
export async function chmodItems(
  fs: RemoteFs,
  items: readonly RemoteItem[],
  mode: number,
  recurse: Recurse,
): Promise<{ changed: number; failed: BulkFailure[] }> {
  let changed = 0;
  const failed: BulkFailure[] = [];
  const apply = async (path: string): Promise<void> => {
    try {
      await fs.chmod(path, mode);
      changed++;
    } catch (error) {
      failed.push({ path, message: messageOf(error) });
    }
  };
  const wants = (kind: 'file' | 'dir'): boolean => recurse === 'all' || (kind === 'file' ? recurse === 'files' : recurse === 'folders');

  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.list(folder, { hidden: true });
    } catch (error) {
      failed.push({ path: folder, message: messageOf(error) });
      return;
    }
    for (const entry of entries) {
      const path = joinRemote(folder, entry.name);
      if (entry.kind === 'dir') {
        if (wants('dir')) await apply(path);
        await walk(path);
      } else if (entry.kind === 'file' && wants('file')) {
        await apply(path);
      }
    }
  };

  for (const item of items) {
    await apply(item.path);
    if (item.kind === 'dir' && recurse !== 'none') await walk(item.path);
  }
  return { changed, failed };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
