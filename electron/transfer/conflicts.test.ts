import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConflictPolicy, ConflictRequest } from '../../shared/contract/transfers';
import type { TransferEngine } from './engine';
import { bytesFor, makeFolders, makeServer, openEngine, waitUntil, writeTree, type TestFolders } from './testing/fixtures';
import type { LocalFolderServer } from './testing/local-folder-remote-fs';

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

/** The server holds `remote.bin` (1000 bytes, time T); the local side holds an older or newer, smaller or equal file. */
async function setUp(local: { content: string | Buffer; ageSeconds: number }): Promise<{ server: LocalFolderServer; target: string }> {
  await writeTree(folders.server, { 'remote.bin': 1000 }, 1_700_000_000);
  const target = path.join(folders.local, 'remote.bin');
  await writeFile(target, local.content);
  const when = 1_700_000_000 - local.ageSeconds;
  await utimes(target, when, when);
  const server = makeServer(folders);
  engine = await openEngine(folders, server);
  return { server, target };
}

async function download(policy: ConflictPolicy, target: string) {
  const batch = await engine!.enqueue({
    site: 'test',
    direction: 'download',
    conflictPolicy: policy,
    items: [{ kind: 'file', remotePath: '/remote.bin', localPath: target }],
  });
  return engine!.settled(batch.id);
}

const NEW = bytesFor('remote.bin', 1000);

describe('conflict policies (download)', () => {
  it('overwrite replaces the target', async () => {
    const { target } = await setUp({ content: 'old', ageSeconds: 0 });
    expect((await download('overwrite', target)).counts.done).toBe(1);
    expect(await readFile(target)).toEqual(NEW);
  });

  it('overwrite if newer replaces an older target', async () => {
    const { target } = await setUp({ content: 'old', ageSeconds: 3600 });
    expect((await download('overwriteIfNewer', target)).counts.done).toBe(1);
    expect(await readFile(target)).toEqual(NEW);
  });

  it('overwrite if newer keeps a newer target', async () => {
    const { target } = await setUp({ content: 'newer', ageSeconds: -3600 });
    const settled = await download('overwriteIfNewer', target);
    expect(settled.counts.skipped).toBe(1);
    expect(await readFile(target, 'utf8')).toBe('newer');
    expect(engine!.page({}).items[0]!.note).toMatch(/as new or newer/);
  });

  it('overwrite if size differs replaces a target of another size and keeps one of the same size', async () => {
    const { target } = await setUp({ content: 'short', ageSeconds: 60 });
    expect((await download('overwriteIfSizeDiffers', target)).counts.done).toBe(1);
    expect(await readFile(target)).toEqual(NEW);

    const sameSize = Buffer.alloc(1000, 7);
    await writeFile(target, sameSize);
    await utimes(target, 1_600_000_000, 1_600_000_000);
    expect((await download('overwriteIfSizeDiffers', target)).counts.skipped).toBe(1);
    expect(await readFile(target)).toEqual(sameSize);
  });

  it('resume continues a partial target from its size', async () => {
    const { server, target } = await setUp({ content: NEW.subarray(0, 400), ageSeconds: 60 });
    expect((await download('resume', target)).counts.done).toBe(1);
    expect(server.stats.reads).toEqual([{ path: '/remote.bin', offset: 400 }]);
    expect(await readFile(target)).toEqual(NEW);
  });

  it('keep both downloads to a free name and leaves the target', async () => {
    const { target } = await setUp({ content: 'mine', ageSeconds: 60 });
    await writeFile(path.join(folders.local, 'remote (1).bin'), 'also mine');
    expect((await download('keepBoth', target)).counts.done).toBe(1);
    expect(await readFile(target, 'utf8')).toBe('mine');
    expect(await readFile(path.join(folders.local, 'remote (1).bin'), 'utf8')).toBe('also mine');
    expect(await readFile(path.join(folders.local, 'remote (2).bin'))).toEqual(NEW);
    expect(engine!.page({}).items[0]!.localPath).toBe(path.join(folders.local, 'remote (2).bin'));
  });

  it('skip leaves the target', async () => {
    const { server, target } = await setUp({ content: 'mine', ageSeconds: 60 });
    expect((await download('skip', target)).counts.skipped).toBe(1);
    expect(await readFile(target, 'utf8')).toBe('mine');
    expect(server.stats.reads).toEqual([]);
  });

  it('skips identical files (same size and time) by default, whatever the policy', async () => {
    const { server, target } = await setUp({ content: NEW, ageSeconds: 0 });
    const settled = await download('overwrite', target);
    expect(settled.counts.skipped).toBe(1);
    expect(server.stats.reads).toEqual([]);
    expect(engine!.page({}).items[0]!.note).toMatch(/same size and time/);
  });
});

describe('asking about conflicts', () => {
  it('pauses only the conflicting items and asks once per batch, listing both sides', async () => {
    await writeTree(folders.server, { 'docs/a.txt': 'AAAA', 'docs/b.txt': 'BBBB', 'docs/c.txt': 'CCCC', 'docs/new.txt': 'NEW' });
    await writeTree(folders.local, { 'docs/a.txt': 'old a', 'docs/b.txt': 'old b', 'docs/c.txt': 'old c' }, 1_500_000_000);
    const server = makeServer(folders);
    engine = await openEngine(folders, server);
    const requests: ConflictRequest[] = [];
    engine.on('conflict', (request) => requests.push(request));
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'dir', remotePath: '/docs', localPath: path.join(folders.local, 'docs') }],
    });
    let settled = await engine.settled(batch.id);
    expect(settled.counts.done).toBe(2); // The folder and new.txt.
    expect(settled.counts.paused).toBe(3);
    expect(settled.conflicts).toBe(3);
    expect(await readFile(path.join(folders.local, 'docs/new.txt'), 'utf8')).toBe('NEW');

    const request = engine.conflicts(batch.id)!;
    expect(request.total).toBe(3);
    expect(request.conflicts.map((entry) => entry.name).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const a = request.conflicts.find((entry) => entry.name === 'a.txt')!;
    expect(a.source.size).toBe(4);
    expect(a.target.size).toBe(5);
    expect(a.sourceNewer).toBe(true);
    expect(a.sourceLarger).toBe(false);
    // One request for the batch (found while listing), not one per file.
    await expect.poll(() => requests.length).toBeGreaterThan(0);
    expect(requests.every((sent) => sent.batchId === batch.id)).toBe(true);
    expect(requests[0]!.total).toBe(3);

    // Answer for one item only.
    expect(engine.answerConflict({ batchId: batch.id, action: 'overwrite', applyTo: 'items', itemIds: [a.itemId] })).toBe(1);
    settled = await engine.settled(batch.id);
    expect(await readFile(path.join(folders.local, 'docs/a.txt'), 'utf8')).toBe('AAAA');
    expect(await readFile(path.join(folders.local, 'docs/b.txt'), 'utf8')).toBe('old b');
    expect(settled.conflicts).toBe(2);

    // Then for the rest of the batch.
    expect(engine.answerConflict({ batchId: batch.id, action: 'skip', applyTo: 'batch' })).toBe(2);
    settled = await engine.settled(batch.id);
    expect(settled.conflicts).toBe(0);
    expect(settled.counts.skipped).toBe(2);
    expect(await readFile(path.join(folders.local, 'docs/c.txt'), 'utf8')).toBe('old c');
  });

  it('an answer for all future conflicts applies to later batches', async () => {
    await writeTree(folders.server, { 'x.txt': 'server x', 'y.txt': 'server y' });
    await writeTree(folders.local, { 'x.txt': 'local x', 'y.txt': 'local y' }, 1_500_000_000);
    const server = makeServer(folders);
    engine = await openEngine(folders, server);
    const first = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'file', remotePath: '/x.txt', localPath: path.join(folders.local, 'x.txt') }],
    });
    expect((await engine.settled(first.id)).conflicts).toBe(1);
    engine.answerConflict({ batchId: first.id, action: 'keepBoth', applyTo: 'future' });
    await engine.settled(first.id);

    const second = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'file', remotePath: '/y.txt', localPath: path.join(folders.local, 'y.txt') }],
    });
    const settled = await engine.settled(second.id);
    expect(settled.conflicts).toBe(0);
    expect(settled.counts.done).toBe(1);
    expect((await readdir(folders.local)).sort()).toEqual(['x (1).txt', 'x.txt', 'y (1).txt', 'y.txt']);
  });
});

describe('conflict policies (upload)', () => {
  it('keep both and overwrite if newer work against the server', async () => {
    await writeTree(folders.local, { 'up/new.txt': 'local newer', 'up/old.txt': 'local older' }, 1_700_000_000);
    await writeTree(folders.server, { 'up/new.txt': 'server older' }, 1_600_000_000);
    await writeTree(folders.server, { 'up/old.txt': 'server newer' }, 1_800_000_000);
    const server = makeServer(folders);
    engine = await openEngine(folders, server);
    const newer = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      conflictPolicy: 'overwriteIfNewer',
      items: [{ kind: 'dir', localPath: path.join(folders.local, 'up'), remotePath: '/up' }],
    });
    const settled = await engine.settled(newer.id);
    expect(settled.counts.skipped).toBe(1);
    expect(await readFile(path.join(folders.server, 'up/new.txt'), 'utf8')).toBe('local newer');
    expect(await readFile(path.join(folders.server, 'up/old.txt'), 'utf8')).toBe('server newer');

    const both = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      conflictPolicy: 'keepBoth',
      items: [{ kind: 'file', localPath: path.join(folders.local, 'up/old.txt'), remotePath: '/up/old.txt' }],
    });
    expect((await engine.settled(both.id)).counts.done).toBe(1);
    expect(await readFile(path.join(folders.server, 'up/old (1).txt'), 'utf8')).toBe('local older');
    expect(await readFile(path.join(folders.server, 'up/old.txt'), 'utf8')).toBe('server newer');
  });

  it('asks about an upload whose target exists, found when it runs', async () => {
    await writeTree(folders.local, { 'page.html': 'new page' });
    await writeTree(folders.server, { 'page.html': 'live page' }, 1_500_000_000);
    const server = makeServer(folders);
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      items: [{ kind: 'file', localPath: path.join(folders.local, 'page.html'), remotePath: '/page.html' }],
    });
    expect((await engine.settled(batch.id)).conflicts).toBe(1);
    expect(await readFile(path.join(folders.server, 'page.html'), 'utf8')).toBe('live page');
    engine.answerConflict({ batchId: batch.id, action: 'overwrite', applyTo: 'batch' });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(await readFile(path.join(folders.server, 'page.html'), 'utf8')).toBe('new page');
  });
});

describe('a file that appears during the download', () => {
  it('in a folder Ferry made is never overwritten: it becomes a conflict, and a folder in the way fails clearly', async () => {
    await writeTree(folders.server, { 'photos/a.jpg': 30_000, 'photos/b.jpg': 30_000 });
    // Each transfer waits at the gate (two cannot overlap on one connection) until its timeout:
    // the window in which the files appear.
    const server = makeServer(folders, { overlapGate: 2, gateTimeoutMs: 3000 });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 1, global: 1 } } });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'dir', remotePath: '/photos', localPath: path.join(folders.local, 'photos') }],
    });
    const item = (name: string) => engine!.page({ limit: 10 }).items.find((entry) => entry.remotePath === `/photos/${name}`);
    await waitUntil(() => item('a.jpg')?.state === 'active' || item('b.jpg')?.state === 'active', 'a download started');
    const first = item('a.jpg')?.state === 'active' ? 'a.jpg' : 'b.jpg';
    const second = first === 'a.jpg' ? 'b.jpg' : 'a.jpg';
    await writeFile(path.join(folders.local, 'photos', first), 'mine');
    await waitUntil(() => item(second)?.state === 'active', 'the second download started');
    await mkdir(path.join(folders.local, 'photos', second));

    const settled = await engine.settled(batch.id);
    expect(await readFile(path.join(folders.local, 'photos', first), 'utf8')).toBe('mine');
    expect(item(first)!.state).toBe('paused');
    expect(settled.conflicts).toBe(1);
    expect(item(second)!.state).toBe('failed');
    expect(item(second)!.lastError?.code).toBe('EISDIR');
  });
});

