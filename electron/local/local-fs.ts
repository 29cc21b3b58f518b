/**
 * Lists local folders for the local pane. Runs in the main process only.
 */
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalEntry, LocalListing } from '../../shared/contract/local';
import { FerryError } from '../../shared/errors';
import { parentOf, segmentsOf } from './paths';
import { formatPermissions } from './permissions';

/** How many `lstat` calls run at once: enough to hide latency, few enough not to exhaust file handles. */
const STAT_CONCURRENCY = 64;

/** The user's home folder: where the local pane starts. */
export function homeFolder(): string {
  return os.homedir();
}

/** Lists `folder` with one entry per child, links described but not followed for listing. */
export async function listLocalFolder(folder: string): Promise<LocalListing> {
  const resolved = path.resolve(folder);
  const info = await stat(resolved);
  if (!info.isDirectory()) throw new FerryError('ENOTDIR', `Not a folder: ${resolved}`);
  const names = await readdir(resolved);
  const entries: LocalEntry[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const name = names[next++]!;
      const entry = await describeEntry(resolved, name);
      if (entry) entries.push(entry);
    }
  };
  await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, names.length) }, worker));
  return { path: resolved, parent: parentOf(resolved), segments: segmentsOf(resolved), entries };
}

async function describeEntry(folder: string, name: string): Promise<LocalEntry | null> {
  const full = path.join(folder, name);
  let info;
  try {
    info = await lstat(full);
  } catch {
    return null; // Deleted between readdir and lstat: nothing to show.
  }
  const base = {
    name,
    path: full,
    size: info.size,
    mtime: info.mtimeMs,
    permissions: formatPermissions(info.mode),
    hidden: name.startsWith('.'),
  };
  if (!info.isSymbolicLink()) return { ...base, kind: info.isDirectory() ? 'dir' : 'file' };
  const linkTarget = await readlink(full).catch(() => undefined);
  const target = await stat(full).catch(() => null);
  const targetKind = target === null ? null : target.isDirectory() ? 'dir' : target.isFile() ? 'file' : 'other';
  return { ...base, kind: 'link', linkTarget, targetKind, size: target?.size ?? info.size };
}
