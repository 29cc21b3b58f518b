import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferEngine } from './engine';
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

function files(count: number, size = 2000, prefix = 'f'): Record<string, number> {
  const spec: Record<string, number> = {};
  for (let i = 0; i < count; i++) spec[`${prefix}${i}.bin`] = size;
  return spec;
}

function downloads(names: string[]) {
  return names.map((name) => ({ kind: 'file' as const, remotePath: `/${name}`, localPath: path.join(folders.local, name) }));
}

describe('scheduling', () => {
  it('runs transfers in parallel on several connections', async () => {
    await writeTree(folders.server, files(6));
    // Each transfer waits at its first byte until three are open at once: only real overlap gets past.
    const server = makeServer(folders, { overlapGate: 3, gateTimeoutMs: 15_000 });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 3 } } });
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(Object.keys(files(6))) });
    expect((await engine.settled(batch.id)).counts.done).toBe(6);
    expect(server.stats.maxActiveTransfers).toBe(3);
  });

  it('reuses connections from file to file and keeps within the site limit', async () => {
    await writeTree(folders.server, files(30, 500));
    // Transfers are held open a moment, so more than three at once would show if the limit leaked.
    const server = makeServer(folders, { overlapGate: 4, gateTimeoutMs: 100 });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 3 } } });
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(Object.keys(files(30, 500))) });
    expect((await engine.settled(batch.id)).counts.done).toBe(30);
    expect(server.stats.connections).toBe(3);
    expect(server.stats.maxActiveTransfers).toBe(3);
  });

  it('keeps to the global limit across sites', async () => {
    await writeTree(folders.server, files(12, 500));
    const server = makeServer(folders, { overlapGate: 3, gateTimeoutMs: 200 });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 3, global: 2 } } });
    const names = Object.keys(files(12, 500));
    const a = await engine.enqueue({ site: 'site-a', direction: 'download', items: downloads(names.slice(0, 6)) });
    const b = await engine.enqueue({ site: 'site-b', direction: 'download', items: downloads(names.slice(6)) });
    await Promise.all([engine.settled(a.id), engine.settled(b.id)]);
    expect(engine.batch(a.id)!.counts.done + engine.batch(b.id)!.counts.done).toBe(12);
    expect(server.stats.maxActiveTransfers).toBe(2);
  });

  it('small files do not wait behind a huge one', async () => {
    await writeTree(folders.server, { 'huge.iso': 500_000, ...files(10, 100, 'small') });
    const server = makeServer(folders);
    server.inject({ op: 'read', path: '/huge.iso', afterBytes: 50_000, effect: 'stall' });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 2 } } });
    const smallNames = Object.keys(files(10, 100, 'small'));
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(['huge.iso', ...smallNames]) });
    await waitUntil(() => engine!.batch(batch.id)!.counts.done === 10, 'the small files are done');
    const huge = engine.page({}).items[0]!;
    expect(huge.state).toBe('active');
    engine.cancel({ kind: 'item', id: huge.id });
  });

  it('starts higher priorities first and keeps FIFO within a priority', async () => {
    await writeTree(folders.server, files(5, 100));
    const server = makeServer(folders);
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 1 } } });
    const low = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(['f0.bin', 'f1.bin', 'f2.bin']) });
    const high = await engine.enqueue({ site: 'test', direction: 'download', priority: 'high', items: downloads(['f3.bin', 'f4.bin']) });
    await Promise.all([engine.settled(low.id), engine.settled(high.id)]);
    // f0 had already started when the high batch came.
    expect(server.stats.reads.map((read) => read.path)).toEqual(['/f0.bin', '/f3.bin', '/f4.bin', '/f1.bin', '/f2.bin']);
  });

  it('reprioritising a waiting batch moves it ahead', async () => {
    await writeTree(folders.server, files(4, 100));
    const server = makeServer(folders);
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 1 } } });
    const first = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(['f0.bin', 'f1.bin']) });
    const second = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(['f2.bin', 'f3.bin']) });
    expect(engine.prioritise({ kind: 'batch', id: second.id }, 'highest')).toBe(2);
    await Promise.all([engine.settled(first.id), engine.settled(second.id)]);
    expect(server.stats.reads.map((read) => read.path)).toEqual(['/f0.bin', '/f2.bin', '/f3.bin', '/f1.bin']);
  });

  it('retries a refused connection with backoff and succeeds', async () => {
    await writeTree(folders.server, files(1));
    const server = makeServer(folders);
    server.inject({ op: 'connect', effect: { fail: 'CONNECTION_REFUSED' }, times: 2 });
    const delays: number[] = [];
    engine = await openEngine(folders, server, {
      retry: {
        retries: 3,
        delayMs: (attempt) => {
          delays.push(attempt);
          return 1;
        },
      },
    });
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(['f0.bin']) });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(delays).toEqual([2, 3]);
    expect(engine.page({}).items[0]!.attempts).toBe(3);
  });

  it('a refused login fails once and pauses the rest of the site instead of logging in again for each file', async () => {
    await writeTree(folders.server, files(5));
    const server = makeServer(folders);
    server.inject({ op: 'connect', effect: { fail: 'AUTH_FAILED' }, times: 100 });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 1 } } });
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(Object.keys(files(5))) });
    const settled = await engine.settled(batch.id);
    expect(settled.counts).toMatchObject({ failed: 1, paused: 4 });
    expect(server.faults[0]!.times).toBe(99);
    const paused = engine.page({ view: 'pending' }).items;
    expect(paused.every((item) => item.lastError?.code === 'AUTH_FAILED')).toBe(true);
  });

  it('pausing and resuming a batch stops and restarts its items', async () => {
    await writeTree(folders.server, { 'big.bin': 300_000, 'next.bin': 100 });
    const server = makeServer(folders);
    server.inject({ op: 'read', path: '/big.bin', afterBytes: 100_000, effect: 'stall' });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 1 } } });
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: downloads(['big.bin', 'next.bin']) });
    await waitUntil(() => engine!.page({}).items[0]!.bytesDone > 0, 'bytes arrive');
    expect(engine.pause({ kind: 'batch', id: batch.id })).toBe(2);
    const paused = await engine.settled(batch.id);
    expect(paused.counts.paused).toBe(2);
    expect(engine.resume({ kind: 'batch', id: batch.id })).toBe(2);
    expect((await engine.settled(batch.id)).counts.done).toBe(2);
    expect(server.stats.reads.filter((read) => read.path === '/big.bin').at(-1)!.offset).toBeGreaterThan(0);
  });
});
