/**
 * Temp folders for one server instance: a root-owned state folder (config, keys, logs,
 * which the FTP/SFTP user must not be able to touch) holding the user's own folders.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Creates a fresh root-owned folder `/tmp/ferry-<kind>-XXXXXX`, world-traversable (0755). */
export async function makeStateDir(kind: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `ferry-${kind}-`));
  // Servers drop privileges and chroot below this folder, so the user must be able to pass through it.
  await fs.chmod(dir, 0o755);
  return dir;
}

/** Creates `parent/name` owned by uid:gid with `mode`, and returns its absolute path. */
export async function makeOwnedDir(parent: string, name: string, owner: { uid: number; gid: number }, mode = 0o755): Promise<string> {
  const dir = path.join(parent, name);
  await fs.mkdir(dir);
  await fs.chown(dir, owner.uid, owner.gid);
  await fs.chmod(dir, mode);
  return dir;
}

/** Removes a state folder and everything in it; ignores a folder that is already gone. */
export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
