/**
 * Test data on disk: the bench's own temp folder, random files (so no tool can win by
 * compressing), trees of small files, a folder with many entries, and the checks that
 * what arrived is what was sent.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sweepAbandonedTempDirs } from '../testkit/servers';

/** The bench's temp folder and the places inside it. */
export interface Workspace {
  /** /tmp/ferry-bench-<pid>-XXXXXX: removed at the end. */
  dir: string;
  /** Local sources of uploads. */
  sources: string;
  /** Where downloads land (emptied after every run). */
  downloads: string;
  /** HOME for every tool, so nobody's ~/.lftprc, ~/.curlrc or ~/.ssh/config changes what is measured. */
  home: string;
  /** FERRY_HOME for the CLI: a fresh data folder, no saved sites or trust. */
  ferryHome: string;
}

/** ferry-bench-<pid of the bench>-<random>: the pid tells whether its owner still runs. */
const WORKSPACE_NAME = /^ferry-bench-(\d+)-[A-Za-z0-9]{6}$/;

/** Creates the bench's temp folder (after removing those of benches that died). */
export async function makeWorkspace(): Promise<Workspace> {
  // Folders of benches that died (SIGKILL, a crash): each can hold gigabytes.
  await sweepAbandonedTempDirs(WORKSPACE_NAME);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), `ferry-bench-${process.pid}-`));
  const workspace: Workspace = {
    dir,
    sources: path.join(dir, 'sources'),
    downloads: path.join(dir, 'downloads'),
    home: path.join(dir, 'home'),
    ferryHome: path.join(dir, 'ferry-home'),
  };
  for (const sub of [workspace.sources, workspace.downloads, workspace.home, workspace.ferryHome]) await fs.promises.mkdir(sub);
  return workspace;
}

/** Removes a file or folder tree; nothing if it is gone already. */
export async function remove(target: string): Promise<void> {
  await fs.promises.rm(target, { recursive: true, force: true, maxRetries: 3 });
}

/** Writes `bytes` random bytes to `file`. */
export async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  try {
    for (let done = 0; done < bytes; ) {
      const chunk = randomBytes(Math.min(8 * 1024 * 1024, bytes - done));
      await handle.write(chunk);
      done += chunk.length;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Makes `target` the same file as `source`: a hard link when both are on one file system
 * (no second GiB on disk), else a copy.
 */
export async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await fs.promises.link(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.promises.copyFile(source, target);
  }
}

/** SHA-256 of a file, hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}

/** The shape of a tree of equal small files. */
export interface TreeShape {
  files: number;
  fileBytes: number;
  filesPerFolder: number;
}

/**
 * Writes a tree `dir/d000/f00000.bin …` of random files, `filesPerFolder` in each folder.
 * Each file is a different slice of a random pool, so no two neighbours are alike.
 */
export async function writeTree(dir: string, shape: TreeShape): Promise<void> {
  const pool = randomBytes(Math.min(shape.files * shape.fileBytes, 32 * 1024 * 1024) + shape.fileBytes);
  const poolFiles = Math.floor((pool.length - shape.fileBytes) / shape.fileBytes) || 1;
  const folders = Math.ceil(shape.files / shape.filesPerFolder);
  for (let f = 0; f < folders; f++) await fs.promises.mkdir(path.join(dir, `d${String(f).padStart(3, '0')}`), { recursive: true });
  await forEachLimited(shape.files, 64, async (i) => {
    const folder = `d${String(Math.floor(i / shape.filesPerFolder)).padStart(3, '0')}`;
    // Offsets move by a file size plus a little, so files are distinct even when the pool wraps.
    const offset = ((i % poolFiles) * shape.fileBytes + Math.floor(i / poolFiles)) % (pool.length - shape.fileBytes);
    await fs.promises.writeFile(path.join(dir, folder, `f${String(i).padStart(5, '0')}.bin`), pool.subarray(offset, offset + shape.fileBytes));
  });
}

/** Writes `count` empty files into one folder (a folder to list). */
export async function writeManyEntries(dir: string, count: number): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true });
  await forEachLimited(count, 64, (i) => fs.promises.writeFile(path.join(dir, `entry-${String(i).padStart(5, '0')}.txt`), ''));
}

/** What a tree holds: regular files, their total size, and how many differ from the expected size. */
export interface TreeCount {
  files: number;
  bytes: number;
  wrongSize: number;
}

/** Counts the regular files under `dir` (0 when it does not exist). */
export async function countTree(dir: string, expectedFileBytes: number): Promise<TreeCount> {
  const count: TreeCount = { files: 0, bytes: 0, wrongSize: 0 };
  const walk = async (folder: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const size = (await fs.promises.stat(full)).size;
        count.files += 1;
        count.bytes += size;
        if (size !== expectedFileBytes) count.wrongSize += 1;
      }
    }
  };
  await walk(dir);
  return count;
}

/** Runs `work(0 … count-1)` with at most `limit` at a time. */
async function forEachLimited(count: number, limit: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
