import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_CHUNK } from '../../shared/contract/uploads';
import { FerryError } from '../../shared/errors';
import type { TransferEngine } from '../transfer/engine';
import { bytesFor, makeFolders, makeServer, openEngine, readTree, waitUntil, type TestFolders } from '../transfer/testing/fixtures';
import { UploadStaging } from './upload-staging';

let folders: TestFolders;
let engine: TransferEngine | null = null;
let staging: UploadStaging | null = null;

beforeEach(async () => {
  folders = await makeFolders();
});

afterEach(async () => {
  await staging?.close();
  staging = null;
  await engine?.close();
  engine = null;
  await folders.cleanup();
});

const stagingRoot = () => path.join(folders.data, 'uploads');
const stagedFolders = () => readdir(stagingRoot());

async function open(idleMs?: number): Promise<{ engine: TransferEngine; staging: UploadStaging }> {
  engine ??= await openEngine(folders, makeServer(folders));
  staging = await UploadStaging.open({ dataDir: folders.data, queue: engine, ...(idleMs ? { idleMs } : {}) });
  return { engine, staging };
}

/** Sends `bytes` in chunks of at most `size`, awaiting each one, as the renderer does. */
async function send(s: UploadStaging, id: string, entryId: number, bytes: Buffer, size = MAX_UPLOAD_CHUNK): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    const received = await s.chunk(id, entryId, offset, bytes.subarray(offset, offset + size));
    expect(received).toBe(Math.min(bytes.length, offset + size));
  }
}

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FerryError);
  return error as FerryError;
}

describe('upload staging', () => {
  it('stages a dropped file and a folder tree, queues them as one batch and cleans up once uploaded', async () => {
    const { engine: queue, staging: s } = await open();
    const big = bytesFor('big.bin', 2 * MAX_UPLOAD_CHUNK + 12_345);
    const small = Buffer.from('hello');
    const id = await s.start({ site: 'test', targetFolder: '/incoming', label: 'Dropped files' });
    const bigId = await s.add(id, { kind: 'file', path: ['big.bin'], size: big.length, mtime: 1_600_000_000_000 });
    await s.add(id, { kind: 'dir', path: ['photos'] });
    const smallId = await s.add(id, { kind: 'file', path: ['photos', '2024', 'a.txt'], size: small.length });
    await s.add(id, { kind: 'dir', path: ['photos', 'empty'] });
    await s.add(id, { kind: 'file', path: ['photos', 'zero.txt'], size: 0 });
    await send(s, id, bigId, big);
    await send(s, id, smallId, small);
    await mkdir(path.join(folders.server, 'incoming'));

    const batch = await s.finish(id);
    expect(batch.label).toBe('Dropped files');
    expect(batch.direction).toBe('upload');
    expect(batch.total).toBe(2); // big.bin and photos/; the folder expands on the main side.
    const settled = await queue.settled(batch.id);
    expect(settled.counts.failed).toBe(0);
    const uploaded = await readTree(path.join(folders.server, 'incoming'));
    expect(uploaded.get('big.bin')?.equals(big)).toBe(true);
    expect(uploaded.get(path.join('photos', '2024', 'a.txt'))?.toString()).toBe('hello');
    expect(uploaded.get(path.join('photos', 'zero.txt'))?.length).toBe(0);
    expect(await readdir(path.join(folders.server, 'incoming', 'photos', 'empty'))).toEqual([]);
    // The dropped file's time was kept through the staged copy.
    expect(Math.round((await stat(path.join(folders.server, 'incoming', 'big.bin'))).mtimeMs / 1000)).toBe(1_600_000_000);
    // Everything uploaded: the staged copies are gone.
    await waitUntil(async () => (await stagedFolders()).length === 0, 'the staged drop is removed');
    expect(s.counts).toEqual({ open: 0, queued: 0 });
  });

  it('refuses names that would leave the drop folder, duplicates, and a file used as a folder', async () => {
    const { staging: s } = await open();
    const id = await s.start({ site: 'test', targetFolder: '/' });
    for (const bad of [['..', 'evil'], ['a/b'], ['.'], ['x\0y'], ['line\nbreak'], ['back\\slash']]) {
      expect((await rejection(s.add(id, { kind: 'file', path: bad, size: 1 }))).code).toBe('INVALID_INPUT');
    }
    await s.add(id, { kind: 'file', path: ['a.txt'], size: 1 });
    expect((await rejection(s.add(id, { kind: 'file', path: ['a.txt'], size: 1 }))).code).toBe('EEXIST');
    expect((await rejection(s.add(id, { kind: 'file', path: ['a.txt', 'inner'], size: 1 }))).code).toBe('ENOTDIR');
    // Nothing was written outside the drop's own folder.
    const [drop] = await stagedFolders();
    expect(await readdir(path.join(stagingRoot(), drop!, 'files'))).toEqual(['a.txt']);
    expect(await readdir(folders.data)).toEqual(expect.arrayContaining(['uploads']));
    expect((await readdir(folders.data)).filter((name) => name.includes('evil'))).toEqual([]);
  });

  it('checks offsets and sizes: out of order, too many bytes, and incomplete files are refused', async () => {
    const { staging: s } = await open();
    const id = await s.start({ site: 'test', targetFolder: '/' });
    const entry = await s.add(id, { kind: 'file', path: ['f.bin'], size: 10 });
    expect((await rejection(s.chunk(id, entry, 3, Buffer.alloc(2)))).message).toMatch(/out of order/);
    await s.chunk(id, entry, 0, Buffer.alloc(4, 1));
    expect((await rejection(s.chunk(id, entry, 4, Buffer.alloc(7)))).message).toMatch(/larger than the 10 bytes/);
    const unfinished = await rejection(s.finish(id));
    expect(unfinished.message).toMatch(/did not arrive completely.*4 of 10 bytes/);
    expect((await rejection(s.chunk(id, 99, 0, Buffer.alloc(1)))).code).toBe('NOT_FOUND');
    const folder = await s.add(id, { kind: 'dir', path: ['d'] });
    expect((await rejection(s.chunk(id, folder, 0, Buffer.alloc(1)))).code).toBe('NOT_FOUND');
  });

  it('abort removes the staged bytes, and later calls for that drop are refused', async () => {
    const { staging: s } = await open();
    const id = await s.start({ site: 'test', targetFolder: '/' });
    const entry = await s.add(id, { kind: 'file', path: ['f.bin'], size: 4 });
    // A chunk already on its way when the abort comes is finished or refused, never written afterwards.
    const inFlight = s.chunk(id, entry, 0, Buffer.alloc(2)).catch((e: unknown) => e);
    await s.abort(id);
    await inFlight;
    expect(await stagedFolders()).toEqual([]);
    expect((await rejection(s.chunk(id, entry, 2, Buffer.alloc(2)))).code).toBe('NOT_FOUND');
    expect((await rejection(s.finish(id))).code).toBe('NOT_FOUND');
  });

  it('throws away a drop nobody sends anything for (a window closed mid-drop)', async () => {
    const { staging: s } = await open(50);
    const id = await s.start({ site: 'test', targetFolder: '/' });
    await s.add(id, { kind: 'file', path: ['f.bin'], size: 4 });
    await waitUntil(async () => (await stagedFolders()).length === 0, 'the idle drop is removed');
    expect(s.counts.open).toBe(0);
    expect((await rejection(s.add(id, { kind: 'file', path: ['g.bin'], size: 1 }))).code).toBe('NOT_FOUND');
  });

  it('keeps the staged files of a batch still in the queue across a restart, and removes leftovers', async () => {
    await mkdir(path.join(folders.server, 'in'));
    // The first upload stalls on the server: the batch is surely unfinished when paused.
    const server = makeServer(folders);
    server.inject({ op: 'write', path: /later\.txt/, effect: 'stall' });
    engine = await openEngine(folders, server);
    let { engine: queue, staging: s } = await open();
    const id = await s.start({ site: 'test', targetFolder: '/in' });
    const entry = await s.add(id, { kind: 'file', path: ['later.txt'], size: 3 });
    await send(s, id, entry, Buffer.from('abc'));
    const batch = await s.finish(id);
    // Paused: the batch is still in the queue, so its files must stay.
    queue.pause({ kind: 'batch', id: batch.id });
    await queue.settled(batch.id);
    // A half-received drop from a crash, and a folder of a batch that no longer exists.
    await mkdir(path.join(stagingRoot(), 'f'.repeat(32), 'files'), { recursive: true });
    await mkdir(path.join(stagingRoot(), 'e'.repeat(32)), { recursive: true });
    await writeFile(path.join(stagingRoot(), 'e'.repeat(32), 'drop.json'), JSON.stringify({ batchId: 999 }));
    await s.close();
    await queue.close();
    engine = null;

    ({ engine: queue, staging: s } = await open());
    const kept = await stagedFolders();
    expect(kept).toHaveLength(1);
    const restored = queue.batch(batch.id);
    expect(restored?.counts.done).toBe(0);
    // Whatever state it came back in (paused if it had started), resuming uploads the staged copy.
    queue.resume({ kind: 'batch', id: batch.id });
    if (queue.batch(batch.id)!.counts.done !== 1) await queue.settled(batch.id);
    expect(await readFile(path.join(folders.server, 'in', 'later.txt'), 'utf8')).toBe('abc');
    await waitUntil(async () => (await stagedFolders()).length === 0, 'the uploaded drop is removed');
  });

  it('removes the staged files when the batch is cleared from the queue before it uploaded', async () => {
    const { engine: queue, staging: s } = await open();
    const id = await s.start({ site: 'test', targetFolder: '/' });
    const entry = await s.add(id, { kind: 'file', path: ['x.txt'], size: 1 });
    await send(s, id, entry, Buffer.from('x'));
    const batch = await s.finish(id);
    queue.cancel({ kind: 'batch', id: batch.id });
    await queue.settled(batch.id);
    expect(await stagedFolders()).toHaveLength(1); // Cancelled items can still be retried.
    queue.clearFinished(batch.id);
    await waitUntil(async () => (await stagedFolders()).length === 0, 'the cleared drop is removed');
  });

  it('limits how many drops are received at once', async () => {
    staging = await UploadStaging.open({ dataDir: folders.data, queue: (engine = await openEngine(folders, makeServer(folders))), maxOpenDrops: 2 });
    await staging.start({ site: 'test', targetFolder: '/' });
    await staging.start({ site: 'test', targetFolder: '/' });
    expect((await rejection(staging.start({ site: 'test', targetFolder: '/' }))).code).toBe('LOCKED');
  });
});
