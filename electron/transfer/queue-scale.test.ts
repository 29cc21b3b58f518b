import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemsChanged } from '../../shared/contract/transfers';
import { TransferEngine } from './engine';
import { makeFolders, makeServer, openEngine, waitUntil, writeTree, type TestFolders } from './testing/fixtures';

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

const COUNT = 10_000;

describe('a large queue', () => {
  it('holds 10,000 queued items with bounded memory, pages and events', async () => {
    await writeTree(folders.server, { 'first.bin': 100_000 });
    const server = makeServer(folders);
    // The first file stalls on the only connection, so the rest stays queued.
    server.inject({ op: 'read', path: '/first.bin', afterBytes: 20_000, effect: 'stall' });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 1 } } });
    const events: ItemsChanged[] = [];
    engine.on('items', (change) => events.push(change));
    const heapBefore = process.memoryUsage().heapUsed;

    const items = [{ kind: 'file' as const, remotePath: '/first.bin', localPath: path.join(folders.local, 'first.bin') }];
    for (let i = 1; i < COUNT; i++) {
      items.push({ kind: 'file', remotePath: `/folder/file number ${i}.txt`, localPath: path.join(folders.local, `file number ${i}.txt`) });
    }
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items });
    await engine.flush();
    const heapAfter = process.memoryUsage().heapUsed;

    // A few kilobytes per item at most, garbage included (an item takes well under one).
    expect(heapAfter - heapBefore).toBeLessThan(COUNT * 8 * 1024);
    const info = engine.batch(batch.id)!;
    expect(info.total).toBe(COUNT);
    expect(info.counts.queued + info.counts.active).toBe(COUNT);

    const page = engine.page({ offset: 9_900, limit: 10_000 });
    expect(page.total).toBe(COUNT);
    expect(page.items).toHaveLength(100);
    expect(engine.page({ limit: 10_000 }).items).toHaveLength(500);
    expect(engine.page({ view: 'pending', offset: 5000, limit: 3 }).items.map((item) => item.id)).toEqual([5001, 5002, 5003]);

    // Renderers learn of every new item: listed in events of at most 500 items each, or told to
    // re-read the queue (resync) when a tick had more. Which one depends on how enqueueing
    // interleaves with the ~10/s ticks, so both are accepted.
    const told = (): boolean =>
      events.some((change) => change.resync) || new Set(events.flatMap((change) => change.items.map((item) => item.id))).size >= COUNT;
    await waitUntil(told, 'every new item is announced');
    expect(events.every((change) => change.items.length <= 500)).toBe(true);

    const journal = path.join(folders.data, 'transfers/queue.jsonl');
    expect((await stat(journal)).size).toBeLessThan(COUNT * 1024);

    // Cancel and clear: the queue empties and the journal, once compacted, is small again.
    expect(engine.cancel({ kind: 'batch', id: batch.id })).toBe(COUNT);
    await engine.settled(batch.id);
    expect(engine.clearFinished()).toBe(COUNT);
    expect(engine.page({}).total).toBe(0);
    expect(engine.batches()).toEqual([]);
    await engine.close();
    engine = await openEngine(folders, server);
    expect(engine.page({}).total).toBe(0);
    expect((await stat(journal)).size).toBeLessThan(1024);
  });

  it('saves byte progress at most once per interval, not per chunk', async () => {
    await writeTree(folders.server, { 'slow.bin': 384 * 1024 });
    const server = makeServer(folders);
    engine = await openEngine(folders, server, {
      limits: { speed: { total: 256 * 1024 } },
      tuning: { persistIntervalMs: 400 },
    });
    const started = performance.now();
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'file', remotePath: '/slow.bin', localPath: path.join(folders.local, 'slow.bin') }],
    });
    await engine.settled(batch.id);
    const elapsed = performance.now() - started;
    await engine.flush();
    const lines = (await readFile(path.join(folders.data, 'transfers/queue.jsonl'), 'utf8')).split('\n');
    const progressLines = lines.filter((line) => line.startsWith('{"t":"p"'));
    // 384 KiB in 16 KiB chunks is 24 chunks; saved progress follows the clock instead.
    expect(progressLines.length).toBeGreaterThan(0);
    expect(progressLines.length).toBeLessThanOrEqual(Math.ceil(elapsed / 400) + 1);
  });
});
