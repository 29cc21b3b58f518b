/**
 * Writes a file so that a crash, a full disk or a power cut at any moment
 * leaves either the old content or the new content, never a mix.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Owner read/write only: sites, secrets and trust decisions are nobody else's business. */
export const PRIVATE_FILE_MODE = 0o600;

/** The suffix of the temporary files {@link writeFileAtomic} leaves behind when it is interrupted. */
const TEMP_SUFFIX = '.tmp';

/**
 * Replaces `file` with `data`: write a temporary file beside it, fsync it,
 * rename it over `file`, then fsync the folder so the rename itself is durable.
 * The folder is created (0700) when missing. On failure the old file is untouched
 * and the temporary file is removed.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = PRIVATE_FILE_MODE): Promise<void> {
  const folder = path.dirname(file);
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  // 'wx': never follow or reuse an existing file (a planted symlink cannot redirect the write).
  const handle = await fs.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      // Without fsync, a power cut after the rename can leave a renamed but empty file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask may have narrowed the mode on creation; a wider umask cannot widen it, but set it exactly.
    await fs.chmod(temp, mode);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Flushes a folder's entries (the rename) to disk. Not possible on Windows, where rename is already durable enough. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the file itself is already synced.
  } finally {
    await handle.close();
  }
}

/**
 * Removes temporary files an interrupted {@link writeFileAtomic} of `file` left
 * behind. They never hold the only copy of anything: the real file is intact.
 */
export async function removeStaleTemporaryFiles(file: string): Promise<void> {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return;
  }
  const stale = names.filter((name) => {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) return false;
    const writer = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    // Another Ferry process (the CLI beside the app) may be writing right now: leave its file alone.
    return !Number.isInteger(writer) || !isRunning(writer);
  });
  await Promise.all(stale.map((name) => fs.rm(path.join(folder, name), { force: true })));
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false; // Our own writes are awaited before anything loads.
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
