/**
 * Changes the local pane makes to this machine's files: create a folder,
 * rename, delete. Runs in the main process only; every path and name comes
 * from the renderer, which is untrusted, so each is checked here again.
 */
import { lstat, mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ItemFailure } from '../../shared/contract/local';
import { FerryError } from '../../shared/errors';
import { nodeErrorCode, toApiError } from '../api/errors';
import { MAX_NAME_BYTES } from '../protocol/entry-name';
import { lstatOrNull } from '../transfer/local-target';
import { joinEntry, parentOf } from './paths';

/** Creates the folder `name` inside `parent`; returns its path. Fails if anything of that name exists. */
export async function createFolder(parent: string, name: string): Promise<string> {
  const folder = absolute(parent);
  const target = childPath(folder, name);
  const info = await stat(folder);
  if (!info.isDirectory()) throw new FerryError('ENOTDIR', `Not a folder: ${folder}`);
  try {
    // Not recursive: the parent must exist, and an existing entry is an error, not a silent success.
    await mkdir(target);
  } catch (error) {
    if (nodeErrorCode(error) === 'EEXIST') throw new FerryError('EEXIST', `"${name}" already exists in ${folder}.`);
    throw error;
  }
  return target;
}

/** Renames the entry at `from` to `name` in the same folder; returns the new path. */
export async function renameEntry(from: string, name: string): Promise<string> {
  const source = absolute(from);
  const folder = parentOf(source);
  if (folder === null) throw new FerryError('INVALID_INPUT', `${source} is the root of a disk and cannot be renamed.`);
  const target = childPath(folder, name);
  if (target === source) return source;
  const before = await lstat(source);
  // rename(2) silently replaces an existing file, which would lose the user's data.
  // Check first; the only existing target allowed is the entry itself (a case-only
  // rename on a case-insensitive disk). A race between check and rename remains
  // possible, but only against another program writing the same name at once.
  const existing = lstatOrNull(target);
  if (existing && (existing.ino !== before.ino || existing.dev !== before.dev)) {
    throw new FerryError('EEXIST', `"${name}" already exists in ${folder}.`);
  }
  await rename(source, target);
  return target;
}

/**
 * Deletes each path: a folder with everything in it, a file, or a link (the
 * link itself: its target is never touched, also inside deleted folders).
 * Failures are collected per path, so one locked file does not stop the rest.
 */
export async function removeEntries(paths: readonly string[]): Promise<{ removed: number; failed: ItemFailure[] }> {
  let removed = 0;
  const failed: ItemFailure[] = [];
  for (const entry of paths) {
    try {
      await removeEntry(entry);
      removed++;
    } catch (error) {
      failed.push({ path: entry, message: toApiError(error).message });
    }
  }
  return { removed, failed };
}

async function removeEntry(entry: string): Promise<void> {
  const target = absolute(entry);
  // A guard against the worst mistake: never delete a whole disk.
  if (parentOf(target) === null) throw new FerryError('INVALID_INPUT', `${target} is the root of a disk; Ferry does not delete it.`);
  // lstat, not stat: a link to a folder is a link, and deleting it must not descend into its target.
  const info = await lstat(target);
  if (info.isDirectory()) {
    // fs.rm walks with lstat too, so links inside the folder are unlinked, not followed.
    await rm(target, { recursive: true, force: false, maxRetries: 2 });
  } else {
    await unlink(target);
  }
}

/** Only absolute paths: a relative one would silently resolve against the main process's working folder. */
function absolute(p: string): string {
  if (!path.isAbsolute(p)) throw new FerryError('INVALID_INPUT', `"${p}" is not a full path.`);
  return path.resolve(p);
}

/** `folder` joined with a single-component `name`, or a clear error for a name that is not one. */
function childPath(folder: string, name: string): string {
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
    throw new FerryError('INVALID_INPUT', `"${name.slice(0, 40)}…" is too long for a file name (at most ${MAX_NAME_BYTES} bytes).`);
  }
  const joined = joinEntry(folder, name);
  if (joined === null || name.trim() === '') {
    throw new FerryError('INVALID_INPUT', `"${name}" is not a valid name: it must be one name without / and not . or ..`);
  }
  return joined;
}

