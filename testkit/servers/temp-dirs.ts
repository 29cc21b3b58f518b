/**
 * Temp folders for one server instance: a root-owned state folder (config, keys, logs,
 * which the FTP/SFTP user must not be able to touch) holding the user's own folders.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Our temp folders (only these kinds are ever swept): ferry-<kind>-<pid of the creating process>-<random>. */
const STATE_DIR_NAME = /^ferry-(?:vsftpd|pyftpdlib|sshd|cert|hostkey)-(\d+)-[A-Za-z0-9]{6}$/;
let swept = false;

/**
 * Removes the temp folders matching `pattern` (its first group: the pid of the process
 * that made them) whose process no longer exists: a killed test worker or bench never
 * runs its clean-up. Folders of processes still running are never touched.
 */
export async function sweepAbandonedTempDirs(pattern: RegExp): Promise<void> {
  for (const name of await fs.readdir(os.tmpdir())) {
    const pid = Number(pattern.exec(name)?.[1] ?? 0);
    if (pid === 0 || pid === process.pid || processExists(pid)) continue;
    await removeDir(path.join(os.tmpdir(), name));
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates a fresh root-owned folder `/tmp/ferry-<kind>-<pid>-XXXXXX`, world-traversable
 * (0755). The pid in the name lets a later run remove it if this process dies first.
 */
export async function makeStateDir(kind: string): Promise<string> {
  // Once per process: state folders of test workers that were killed.
  if (!swept) {
    swept = true;
    await sweepAbandonedTempDirs(STATE_DIR_NAME);
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `ferry-${kind}-${process.pid}-`));
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
