import { appendFile, copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransferEngine } from './engine';
import { bytesFor, makeFolders, makeServer, openEngine, waitUntil, writeTree, type TestFolders } from './testing/fixtures';
import type { LocalFolderServer } from './testing/local-folder-remote-fs';

let folders: TestFolders;
const engines: TransferEngine[] = [];

beforeEach(async () => {
  folders = await makeFolders();
});

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  await folders.cleanup();
});

async function start(server: LocalFolderServer, dataDir = folders.data): Promise<TransferEngine> {
  const engine = await openEngine({ ...folders, data: dataDir }, server, { limits: { connections: { perSite: 1 } } });
  engines.push(engine);
  return engine;
}

/** Queues small.txt (finishes) and big.bin (stalls after `stallAt` bytes), and waits until small.txt is done and big.bin is stuck. */
async function startStuckDownload(engine: TransferEngine, server: LocalFolderServer): Promise<number> {
  server.inject({ op: 'read', path: '/big.bin', afterBytes: 100_000, effect: 'stall' });
  const batch = await engine.enqueue({
    site: 'test',
    direction: 'download',
    items: [
      { kind: 'file', remotePath: '/small.txt', localPath: path.join(folders.local, 'small.txt') },
      { kind: 'file', remotePath: '/big.bin', localPath: path.join(folders.local, 'big.bin') },
    ],
  });
  // small.txt may still be finishing on disk while big.bin starts (its connection went back
  // as soon as its bytes were in): wait for both.
  await waitUntil(() => {
    const [small, big] = engine.page({}).items;
    return small!.state === 'done' && big!.state === 'active' && big!.bytesDone >= 64 * 1024;
  }, 'small.txt is done and big.bin is stuck after some bytes');
  return batch.id;
}

describe('a restart', () => {
  it('restores unfinished items paused with their progress, and finishes them without repeating done work', async () => {
    await writeTree(folders.server, { 'small.txt': 'small', 'big.bin': 400_000 });
    const server = makeServer(folders);
    const first = await start(server);
    const batchId = await startStuckDownload(first, server);
    await first.close();
    engines.length = 0;

    const second = await start(server);
    const [small, big] = second.page({}).items;
    expect(small!.state).toBe('done');
    expect(big!.state).toBe('paused');
    expect(big!.bytesDone).toBeGreaterThan(0);
    expect(big!.note).toMatch(/closed/);
    expect(second.batch(batchId)!.counts).toMatchObject({ done: 1, paused: 1 });

    expect(second.resume({ kind: 'all' })).toBe(1);
    expect((await second.settled(batchId)).counts.done).toBe(2);
    expect(await readFile(path.join(folders.local, 'big.bin'))).toEqual(bytesFor('big.bin', 400_000));
    expect(server.stats.reads.filter((read) => read.path === '/small.txt')).toHaveLength(1);
    const bigReads = server.stats.reads.filter((read) => read.path === '/big.bin');
    expect(bigReads).toHaveLength(2);
    expect(bigReads[1]!.offset).toBeGreaterThan(0);
  });

  it('recovers from a crash: the queue as last saved comes back and finishes', async () => {
    await writeTree(folders.server, { 'small.txt': 'small', 'big.bin': 400_000 });
    const server = makeServer(folders);
    const first = await start(server);
    const batchId = await startStuckDownload(first, server);
    await first.flush();
    // A crash: the process dies with the journal as flushed. Take that file to a new data
    // folder (the first engine stays stuck) and tear its last line as a crash mid-write would.
    const crashed = path.join(folders.base, 'crashed');
    await mkdir(path.join(crashed, 'transfers'), { recursive: true });
    await copyFile(path.join(folders.data, 'transfers/queue.jsonl'), path.join(crashed, 'transfers/queue.jsonl'));
    await appendFile(path.join(crashed, 'transfers/queue.jsonl'), '{"t":"i","i":{"id":99,"batch');

    const second = await start(server, crashed);
    const [small, big] = second.page({}).items;
    expect(second.page({}).total).toBe(2);
    expect(small!.state).toBe('done');
    expect(big!.state).toBe('paused');
    second.resume({ kind: 'batch', id: batchId });
    expect((await second.settled(batchId)).counts.done).toBe(2);
    expect(await readFile(path.join(folders.local, 'big.bin'))).toEqual(bytesFor('big.bin', 400_000));
    expect(server.stats.reads.filter((read) => read.path === '/small.txt')).toHaveLength(1);
  });

  it('refuses a second engine on the same data folder', async () => {
    const server = makeServer(folders);
    await start(server);
    await expect(start(server)).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('a folder paused while it was being read is read again without queueing anything twice', async () => {
    const spec: Record<string, string> = {};
    for (let i = 0; i < 1200; i++) spec[`many/file-${i}.txt`] = `content ${i}`;
    await writeTree(folders.local, spec);
    const server = makeServer(folders);
    let engine: TransferEngine | null = null;
    let pausedFolder = false;
    engine = await openEngine(folders, server, {
      limits: { connections: { perSite: 2 } },
      // The first child's connection is opened while the folder is still being read: pause the folder right then.
      openConnection: (site) => {
        if (engine && !pausedFolder && engine.page({}).total > 1) {
          pausedFolder = true;
          engine.pause({ kind: 'item', id: 1 });
        }
        return server.connect(site);
      },
    });
    engines.push(engine);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      items: [{ kind: 'dir', localPath: path.join(folders.local, 'many'), remotePath: '/many' }],
    });
    await waitUntil(() => engine!.page({}).items[0]!.state === 'paused', 'the folder is paused');
    const queuedBefore = engine.page({}).total - 1;
    expect(pausedFolder).toBe(true);
    expect(queuedBefore).toBeGreaterThan(0);
    expect(queuedBefore).toBeLessThan(1200);

    engine.resume({ kind: 'item', id: 1 });
    const settled = await engine.settled(batch.id);
    expect(settled.total).toBe(1201);
    expect(settled.counts.done).toBe(1201);
    const written = server.stats.writes.map((write) => write.path);
    expect(new Set(written).size).toBe(1200);
    expect(written).toHaveLength(1200);
  });
});
