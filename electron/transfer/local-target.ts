/**
 * Where a download may write. Every name in a remote listing is untrusted: a
 * hostile server can send `..`, `a/b` or `../../.bashrc`. A download therefore
 * writes only inside the folder the user chose (its root), and never through a
 * symbolic link: a link planted inside the tree (`photos -> /etc`) could
 * otherwise carry writes outside it.
 */
import { lstatSync } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import { escapeEntryName, validateEntryName, WINDOWS_FORBIDDEN_CHARACTERS } from '../protocol/entry-name';

/** The local path of entry `name` inside local folder `folder`, or a reason it cannot be one. */
export function localChildPath(folder: string, name: string): { ok: true; path: string } | { ok: false; reason: string } {
  const check = validateEntryName(name);
  if (!check.ok) return check;
  // Windows reserves ':' (streams) and more; on Unix the checks above are complete.
  if (process.platform === 'win32' && WINDOWS_FORBIDDEN_CHARACTERS.test(name)) return { ok: false, reason: 'the name is not allowed on Windows' };
  return { ok: true, path: path.join(folder, name) };
}

/** True when `target` lies strictly inside `root` (after resolving `.` and `..`). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(target));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * `lstat`, or `null` when nothing is there. Synchronous on purpose: an lstat takes
 * microseconds, less than a round trip through the thread pool (see small-files.ts).
 */
export function lstatOrNull(file: string): Stats | null {
  return lstatSync(file, { throwIfNoEntry: false }) ?? null;
}

/**
 * Folders this process created for downloads. A folder is only created after
 * `checkLocalTarget` verified every folder above it, and a new folder holds no
 * links, so files inside it need not repeat the walk up (two lstat chains per
 * file were a tenth of a small-file download's time). Only a local process
 * could swap such a folder for a link later, and it could do the same between
 * an uncached check and the write. Bounded so a huge tree keeps memory flat.
 */
const createdFolders = new Set<string>();
const MAX_CREATED_FOLDERS = 10_000;

/** Records that this process just created `folder` (with `mkdir`, after checking it). */
export function rememberCreatedFolder(folder: string): void {
  if (createdFolders.size >= MAX_CREATED_FOLDERS) createdFolders.clear();
  createdFolders.add(path.resolve(folder));
}

/**
 * Checks that `target` may be written: inside `root`, and every folder between
 * the root and the target is a real folder (not a link). The root itself may be
 * a link: the user chose it. Returns what is at `target` now (`lstat`), or `null`.
 * Synchronous, like {@link lstatOrNull}.
 */
export function checkLocalTarget(root: string, target: string): Stats | null {
  const resolvedRoot = path.resolve(root);
  const resolved = path.resolve(target);
  if (!isInside(resolvedRoot, resolved)) {
    throw new FerryError('PERMISSION_DENIED', `Refused to write ${escapeEntryName(resolved)}: it is outside ${resolvedRoot}.`);
  }
  // The folder was made by this process after the same checks (see createdFolders).
  if (createdFolders.has(path.dirname(resolved))) return lstatOrNull(resolved);
  const rootInfo = lstatOrNull(resolvedRoot);
  if (rootInfo === null) throw new FerryError('ENOENT', `The folder ${resolvedRoot} does not exist.`);
  const steps = path.relative(resolvedRoot, path.dirname(resolved)).split(path.sep).filter((step) => step !== '');
  let current = resolvedRoot;
  for (const step of steps) {
    current = path.join(current, step);
    const info = lstatOrNull(current);
    if (info === null) throw new FerryError('ENOENT', `The folder ${current} does not exist.`);
    if (info.isSymbolicLink()) {
      throw new FerryError(
        'PERMISSION_DENIED',
        `Refused to write through the link ${current}: a download never follows links out of its folder.`,
      );
    }
    if (!info.isDirectory()) throw new FerryError('ENOTDIR', `${current} is not a folder.`);
  }
  return lstatOrNull(resolved);
}
