import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressUpdate } from '../../shared/contract/transfers';
import type { TransferEngine } from './engine';
import { makeFolders, makeServer, openEngine, writeTree, type TestFolders } from './testing/fixtures';
import { TokenBucket, type Clock } from './token-bucket';
import { createInlineMeter } from './byte-meter';

/** Lets every pending promise continuation run. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A clock the test moves by hand; timers fire when their time comes. */
class ManualClock implements Clock {
  time = 0;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  /** Moves time forward, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.callback();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

describe('token bucket', () => {
  it('lets bytes through at the rate', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(10_000, clock);
    let sent = 0;
    const sender = (async () => {
      for (let i = 0; i < 50; i++) {
        await bucket.take(1000);
        sent += 1000;
      }
    })();
    await clock.advance(0);
    const atStart = sent;
    await clock.advance(2000);
    // Two seconds at 10,000 B/s, plus the small burst at the start.
    expect(sent - atStart).toBeGreaterThanOrEqual(19_000);
    expect(sent).toBeLessThanOrEqual(20_000 + atStart + 1000);
    await clock.advance(5000);
    await sender;
    expect(sent).toBe(50_000);
  });

  it('follows a new rate at once, also for transfers already waiting', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(1000, clock);
    let done = false;
    const waiting = bucket.take(1000).then(() => bucket.take(100_000)).then(() => (done = true));
    await clock.advance(500);
    expect(done).toBe(false);
    bucket.setRate(0); // No limit any more.
    await clock.advance(0);
    await waiting;
    expect(done).toBe(true);
  });

  it('does nothing when unlimited', async () => {
    const bucket = new TokenBucket(0, new ManualClock());
    await bucket.take(10 ** 9);
    expect(bucket.pieceSize()).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('inline meter', () => {
  it('counts at once without a limit, and waits for a limit set later', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(0, clock);
    let counted = 0;
    const meter = createInlineMeter({ buckets: [bucket], onBytes: (bytes) => (counted += bytes), idleTimeoutMs: 60_000 }, () => undefined);
    expect(meter.pass(4096)).toBeUndefined();
    expect(counted).toBe(4096);
    bucket.setRate(1000);
    let passed = false;
    const waiting = meter.pass(3000);
    expect(waiting).toBeInstanceOf(Promise);
    void waiting!.then(() => (passed = true));
    await clock.advance(1000);
    expect(passed).toBe(false);
    await clock.advance(3000);
    await waiting;
    expect(counted).toBe(7096);
    meter.stop();
  });
});

describe('speed limits in the engine', () => {
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

  it('holds a download limit within 10% and sends about ten progress events a second', async () => {
    const limit = 512 * 1024;
    const size = 1024 * 1024 + 512 * 1024;
    await writeTree(folders.server, { 'a.bin': size / 2, 'b.bin': size / 2 });
    const server = makeServer(folders);
    engine = await openEngine(folders, server, {
      limits: { speed: { download: limit } },
      tuning: { progressIntervalMs: 100 },
    });
    const updates: ProgressUpdate[] = [];
    engine.on('progress', (update) => updates.push(update));
    const started = performance.now();
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: ['a.bin', 'b.bin'].map((name) => ({ kind: 'file' as const, remotePath: `/${name}`, localPath: path.join(folders.local, name) })),
    });
    const settled = await engine.settled(batch.id);
    const seconds = (performance.now() - started) / 1000;
    expect(settled.counts.done).toBe(2);
    // A limit may be undershot on a slow machine, never overshot by more than 10%.
    expect(size / seconds).toBeLessThanOrEqual(limit * 1.1);
    expect(size / seconds).toBeGreaterThan(limit * 0.3);
    // Progress comes batched per tick, not per chunk (hundreds of 16 KiB chunks moved).
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);
    expect(updates.length).toBeGreaterThan(3);
    expect(updates.some((update) => update.batches.some((info) => info.rate > 0))).toBe(true);
  });

  it('applies a changed limit to running transfers', async () => {
    await writeTree(folders.server, { 'a.bin': 2 * 1024 * 1024 });
    const server = makeServer(folders);
    // At 64 KiB/s this would take half a minute; lifting the limit must let it finish soon.
    engine = await openEngine(folders, server, { limits: { speed: { total: 64 * 1024 } } });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'file', remotePath: '/a.bin', localPath: path.join(folders.local, 'a.bin') }],
    });
    await new Promise<void>((resolve) => {
      const stop = engine!.on('progress', (update) => {
        if (update.items.some((item) => item.bytesDone > 0)) {
          stop();
          resolve();
        }
      });
    });
    expect(engine.batch(batch.id)!.bytesDone).toBeLessThan(2 * 1024 * 1024);
    expect(engine.setLimits({ speed: { total: 0 } }).speed.total).toBe(0);
    const started = performance.now();
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('holds an upload limit for small files too (they skip the stream stages only when no limit is in force)', async () => {
    const limit = 128 * 1024;
    // 12 files of 32 KiB: 384 KiB, three seconds at the limit (the bucket's first burst aside).
    const names = Array.from({ length: 12 }, (_, i) => `s${i}.bin`);
    await writeTree(folders.local, Object.fromEntries(names.map((name) => [name, 32 * 1024])));
    const server = makeServer(folders);
    engine = await openEngine(folders, server, { limits: { speed: { upload: limit } } });
    const started = performance.now();
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      items: names.map((name) => ({ kind: 'file' as const, localPath: path.join(folders.local, name), remotePath: `/${name}` })),
    });
    const settled = await engine.settled(batch.id);
    const seconds = (performance.now() - started) / 1000;
    expect(settled.counts.done).toBe(names.length);
    expect((names.length * 32 * 1024) / seconds).toBeLessThanOrEqual(limit * 1.1 + 64 * 1024);
  });
});
