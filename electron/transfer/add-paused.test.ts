import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransferEngine } from './engine';
import { makeFolders, makeServer, openEngine, readTree, writeTree, type TestFolders } from './testing/fixtures';

let folders: TestFolders;
let engine: TransferEngine | null = null;

beforeEach(async () => {
  folders = await makeFolders();
});
afterEach(async () => {
  await engine?.close();
  engine = null;
  await folders.cleanup();
});

describe('"Add to queue"', () => {
  it('queues items paused; nothing moves until they are resumed', async () => {
    await writeTree(folders.server, { 'a.txt': 100, 'tree/b.txt': 200 });
    engine = await openEngine(folders, makeServer(folders));
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      paused: true,
      items: [
        { kind: 'file', remotePath: '/a.txt', localPath: path.join(folders.local, 'a.txt') },
        { kind: 'dir', remotePath: '/tree', localPath: path.join(folders.local, 'tree') },
      ],
    });
    expect(batch.counts.paused).toBe(2);
    expect(engine.page({ batchId: batch.id }).items.every((item) => item.note?.includes('resume'))).toBe(true);
    expect((await engine.settled(batch.id)).counts.done).toBe(0);
    expect((await readTree(folders.local)).size).toBe(0);

    expect(engine.resume({ kind: 'batch', id: batch.id })).toBe(2);
    const done = await engine.settled(batch.id);
    expect(done.counts.done).toBe(3);
    expect([...(await readTree(folders.local)).keys()].sort()).toEqual(['a.txt', 'tree/b.txt']);
  });
});
