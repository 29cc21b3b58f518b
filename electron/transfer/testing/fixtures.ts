/**
 * TEST HELPERS — used only by the transfer engine's tests: temporary folders,
 * file trees, an engine with quick timings, and waiting for a condition.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TransferEngine } from '../engine';
import type { TransferEngineOptions } from '../engine-options';
import type { ItemRecord } from '../model';
import { LocalFolderServer, type LocalFolderServerOptions } from './local-folder-remote-fs';

/** Folders of one test: the "server's" disk, the local side, and the user data folder. */
export interface TestFolders {
  base: string;
  server: string;
  local: string;
  data: string;
  cleanup(): Promise<void>;
}

/** Fresh folders under the system temp folder. */
export async function makeFolders(): Promise<TestFolders> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'ferry-transfer-'));
  const folders = { base, server: path.join(base, 'server'), local: path.join(base, 'local'), data: path.join(base, 'data') };
  await Promise.all([mkdir(folders.server), mkdir(folders.local), mkdir(folders.data)]);
  return { ...folders, cleanup: () => rm(base, { recursive: true, force: true }) };
}

/** A file tree: relative path → content (a string, or a byte count for generated content). */
export type TreeSpec = Record<string, string | number>;

/** Deterministic bytes: different files of the same size differ. */
export function bytesFor(name: string, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let seed = [...name].reduce((sum, char) => (sum * 31 + char.codePointAt(0)!) >>> 0, 7);
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    buffer[i] = seed >>> 24;
  }
  return buffer;
}

/** Writes `spec` under `root`, each file with a distinct whole-second mtime in the past. */
export async function writeTree(root: string, spec: TreeSpec, mtimeBase = 1_600_000_000): Promise<void> {
  let n = 0;
  for (const [relative, content] of Object.entries(spec)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof content === 'number' ? bytesFor(relative, content) : content);
    const when = mtimeBase + 3600 * n++;
    await utimes(file, when, when);
  }
}

/** Every file under `root` as relative path → content, for comparing trees. */
export async function readTree(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.set(path.relative(root, full), await readFile(full));
    }
  };
  await walk(root);
  return files;
}

/** Modification time in whole seconds. */
export async function mtimeSeconds(file: string): Promise<number> {
  return Math.floor((await stat(file)).mtimeMs / 1000);
}

/** An engine on `folders.data` with quick timings and no waiting between retries. */
export function openEngine(
  folders: TestFolders,
  server: LocalFolderServer,
  options: Partial<TransferEngineOptions> = {},
): Promise<TransferEngine> {
  return TransferEngine.open({
    dataDir: folders.data,
    openConnection: server.connect,
    retry: { retries: 3, delayMs: () => 0 },
    ...options,
    tuning: { progressIntervalMs: 20, persistIntervalMs: 50, journalFlushMs: 5, ...options.tuning },
  });
}

/** A server double over `folders.server`. */
export function makeServer(folders: TestFolders, options: LocalFolderServerOptions = {}): LocalFolderServer {
  return new LocalFolderServer(folders.server, options);
}

/**
 * Polls `condition` until it holds (a wait for a state, not a fixed sleep).
 * Fails with `what` after a generous deadline for slow CI machines.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A queue item as the engine would hold it while it runs: a file download unless `patch` says otherwise. */
export function testItem(patch: Partial<ItemRecord> & Pick<ItemRecord, 'localPath' | 'remotePath' | 'root'>): ItemRecord {
  return {
    id: 1,
    batchId: 1,
    parentId: null,
    kind: 'file',
    direction: 'download',
    site: 'test',
    size: null,
    mtime: null,
    mtimePrecision: null,
    state: 'active',
    bytesDone: 0,
    attempts: 1,
    lastError: null,
    priority: 'normal',
    verify: null,
    note: null,
    resume: null,
    answer: null,
    conflict: null,
    ...patch,
  };
}
