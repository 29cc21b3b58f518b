import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferEngine } from './engine';
import {
  bytesFor,
  makeFolders,
  makeServer,
  mtimeSeconds,
  openEngine,
  readTree,
  waitUntil,
  writeTree,
  type TestFolders,
} from './testing/fixtures';

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

const TREE = {
  'photos/été 2024/plage.jpg': 70_000,
  'photos/été 2024/自転車.png': 33_333,
  'photos/README.txt': 'hello\n',
  'photos/empty.txt': '',
  'photos/a/b/c/deep 🚀.bin': 150_000,
  'photos/Ünïcödé/ファイル.txt': 'テキスト',
};

describe('downloads', () => {
  it('downloads a tree with nested folders and UTF-8 names, keeping times', async () => {
    await writeTree(folders.server, TREE);
    await mkdir(path.join(folders.server, 'photos/empty folder'));
    const server = makeServer(folders, { hash: 'SHA-256' });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'dir', remotePath: '/photos', localPath: path.join(folders.local, 'photos') }],
    });
    const settled = await engine.settled(batch.id);

    expect(settled.counts.failed).toBe(0);
    expect(settled.counts.done).toBe(settled.total);
    expect(await readTree(folders.local)).toEqual(await readTree(folders.server));
    expect((await stat(path.join(folders.local, 'photos/empty folder'))).isDirectory()).toBe(true);
    for (const relative of Object.keys(TREE)) {
      expect(await mtimeSeconds(path.join(folders.local, relative))).toBe(await mtimeSeconds(path.join(folders.server, relative)));
    }
    const files = engine.page({ limit: 500 }).items.filter((item) => item.kind === 'file');
    expect(files.every((item) => item.verify === 'verified')).toBe(true);
    expect(settled.bytesDone).toBe(settled.bytesTotal);
    expect(settled.bytesTotal).toBe(70_000 + 33_333 + 6 + 0 + 150_000 + Buffer.byteLength('テキスト'));
  });

  it('retries a dropped connection and resumes the file where it stopped', async () => {
    await writeTree(folders.server, { 'big.bin': 300_000 });
    const server = makeServer(folders);
    server.inject({ op: 'read', path: '/big.bin', afterBytes: 120_000, effect: 'drop' });
    engine = await openEngine(folders, server);
    const target = path.join(folders.local, 'big.bin');
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: [{ kind: 'file', remotePath: '/big.bin', localPath: target }] });
    const settled = await engine.settled(batch.id);

    expect(settled.counts.done).toBe(1);
    expect(server.stats.reads).toHaveLength(2);
    expect(server.stats.reads[0]!.offset).toBe(0);
    // The second request starts where the bytes on disk ended: after some of the file, never past the drop.
    expect(server.stats.reads[1]!.offset).toBeGreaterThan(0);
    expect(server.stats.reads[1]!.offset).toBeLessThanOrEqual(120_000);
    expect(await readFile(target)).toEqual(bytesFor('big.bin', 300_000));
    const [item] = engine.page({}).items;
    expect(item!.attempts).toBe(2);
    expect(server.stats.closedConnections).toBeGreaterThanOrEqual(1);
    expect((await readdir(folders.local)).filter((name) => name.includes('ferry-part'))).toEqual([]);
  });

  it('restarts from zero when the server cannot resume (REST refused)', async () => {
    await writeTree(folders.server, { 'big.bin': 100_000 });
    const server = makeServer(folders, { supportsOffset: false });
    server.inject({ op: 'read', path: '/big.bin', afterBytes: 50_000, effect: { fail: 'CONNECTION_LOST' } });
    engine = await openEngine(folders, server);
    const target = path.join(folders.local, 'big.bin');
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: [{ kind: 'file', remotePath: '/big.bin', localPath: target }] });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(server.stats.reads.map((read) => read.offset)).toEqual([0, 0]);
    expect(await readFile(target)).toEqual(bytesFor('big.bin', 100_000));
  });

  it('transfers ASCII-mode files from the start on every attempt and does not compare checksums', async () => {
    await writeTree(folders.server, { 'notes.txt': 100_000 });
    const server = makeServer(folders, { hash: 'SHA-256' });
    server.inject({ op: 'read', path: '/notes.txt', afterBytes: 60_000, effect: 'drop' });
    engine = await openEngine(folders, server, { siteSettings: () => ({ transferMode: (name) => (name.endsWith('.txt') ? 'ascii' : 'binary') }) });
    const target = path.join(folders.local, 'notes.txt');
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: [{ kind: 'file', remotePath: '/notes.txt', localPath: target }] });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(server.stats.reads.map((read) => read.offset)).toEqual([0, 0]);
    expect(engine.page({}).items[0]!.verify).toBe('not-verifiable');
    expect(await readFile(target)).toEqual(bytesFor('notes.txt', 100_000));
  });

  it('fails at once, without retrying, on an error that cannot heal', async () => {
    await writeTree(folders.server, { 'secret.txt': 'x' });
    const server = makeServer(folders);
    server.inject({ op: 'read', path: '/secret.txt', effect: { fail: 'PERMISSION_DENIED' } });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'file', remotePath: '/secret.txt', localPath: path.join(folders.local, 'secret.txt') }],
    });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.failed).toBe(1);
    const [item] = engine.page({}).items;
    expect(item!.attempts).toBe(1);
    expect(item!.lastError?.code).toBe('PERMISSION_DENIED');
    expect(await readdir(folders.local)).toEqual([]);
  });

  it('leaves an existing target untouched when the download fails, and finishes it on retry', async () => {
    await writeTree(folders.server, { 'report.pdf': 300_000 });
    const target = path.join(folders.local, 'report.pdf');
    await writeFile(target, 'the old report');
    const server = makeServer(folders);
    server.inject({ op: 'read', path: '/report.pdf', afterBytes: 40_000, effect: 'drop', times: 10 });
    engine = await openEngine(folders, server, { retry: { retries: 2, delayMs: () => 0 } });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      conflictPolicy: 'overwrite',
      items: [{ kind: 'file', remotePath: '/report.pdf', localPath: target }],
    });
    expect((await engine.settled(batch.id)).counts.failed).toBe(1);
    expect(await readFile(target, 'utf8')).toBe('the old report');
    expect(engine.page({}).items[0]!.attempts).toBe(3);

    server.faults.length = 0;
    expect(engine.retry({ kind: 'batch', id: batch.id })).toBe(1);
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(await readFile(target)).toEqual(bytesFor('report.pdf', 300_000));
    // The retry continued the temporary file instead of starting over.
    expect(server.stats.reads.at(-1)!.offset).toBeGreaterThan(0);
  });

  it('cancelling a running download removes its temporary file and keeps the target', async () => {
    await writeTree(folders.server, { 'movie.mkv': 200_000 });
    const target = path.join(folders.local, 'movie.mkv');
    await writeFile(target, 'keep me');
    const server = makeServer(folders);
    server.inject({ op: 'read', path: '/movie.mkv', afterBytes: 60_000, effect: 'stall' });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      conflictPolicy: 'overwrite',
      items: [{ kind: 'file', remotePath: '/movie.mkv', localPath: target }],
    });
    await waitUntil(() => engine!.page({}).items[0]!.bytesDone > 0, 'bytes arrive');
    expect(engine.cancel({ kind: 'batch', id: batch.id })).toBe(1);
    expect((await engine.settled(batch.id)).counts.cancelled).toBe(1);
    await waitUntil(async () => (await readdir(folders.local)).length === 1, 'the temporary file is removed');
    expect(await readdir(folders.local)).toEqual(['movie.mkv']);
    expect(await readFile(target, 'utf8')).toBe('keep me');
  });

  // A small file is gathered whole (its inline meter watches for a stall), a large one is metered inside the writer.
  it.each([
    { kind: 'small', name: 'slow.bin', size: 80_000, stallAfter: 30_000, resumes: false },
    { kind: 'large', name: 'slow-large.bin', size: 600_000, stallAfter: 300_000, resumes: true },
  ])('fails a stalled transfer of a $kind file with a timeout and finishes it on the retry', async ({ name, size, stallAfter, resumes }) => {
    await writeTree(folders.server, { [name]: size });
    const server = makeServer(folders);
    server.inject({ op: 'read', path: `/${name}`, afterBytes: stallAfter, effect: 'stall' });
    engine = await openEngine(folders, server, { tuning: { idleTimeoutMs: 300 } });
    const target = path.join(folders.local, name);
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: [{ kind: 'file', remotePath: `/${name}`, localPath: target }] });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect((await readFile(target)).equals(bytesFor(name, size))).toBe(true);
    expect(server.stats.reads).toHaveLength(2);
    expect(engine.page({}).items[0]!.lastError).toBeNull();
    // A large file continues where the first attempt stopped; a small one is fetched again whole.
    expect(server.stats.reads[1]!.offset > 0).toBe(resumes);
  });

  it('reports a checksum mismatch and does not replace the target', async () => {
    await writeTree(folders.server, { 'data.csv': 5000 });
    const target = path.join(folders.local, 'data.csv');
    await writeFile(target, 'old data');
    const server = makeServer(folders, { hash: 'SHA-256', hashOverride: () => '00'.repeat(32) });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      conflictPolicy: 'overwrite',
      items: [{ kind: 'file', remotePath: '/data.csv', localPath: target }],
    });
    expect((await engine.settled(batch.id)).counts.failed).toBe(1);
    const [item] = engine.page({}).items;
    expect(item!.verify).toBe('mismatch');
    expect(item!.lastError?.message).toMatch(/does not match/);
    expect(await readFile(target, 'utf8')).toBe('old data');
    expect(await readdir(folders.local)).toEqual(['data.csv']);
  });

  it('marks files as not verifiable when the server cannot hash', async () => {
    await writeTree(folders.server, { 'a.txt': 'a' });
    const server = makeServer(folders, { hash: null });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'file', remotePath: '/a.txt', localPath: path.join(folders.local, 'a.txt') }],
    });
    await engine.settled(batch.id);
    expect(engine.page({}).items[0]!.verify).toBe('not-verifiable');
  });

  it('skips and reports hostile names from a listing and never writes outside the target folder', async () => {
    await writeTree(folders.server, { 'site/index.html': '<html>', 'site/ok.txt': 'ok' });
    const server = makeServer(folders, {
      listOverride: (remotePath, entries) => {
        if (remotePath !== '/site') return entries;
        const template = entries.find((entry) => entry.name === 'ok.txt')!;
        const hostile = ['../evil.txt', 'a/b.txt', '..', '.', '', 'x\r\nDELE y', 'back\\slash', 'nul\0byte'];
        return [...entries, ...hostile.map((name) => ({ ...template, name }))];
      },
    });
    engine = await openEngine(folders, server);
    const into = path.join(folders.local, 'site');
    const batch = await engine.enqueue({ site: 'test', direction: 'download', items: [{ kind: 'dir', remotePath: '/site', localPath: into }] });
    const settled = await engine.settled(batch.id);

    expect(settled.counts.skipped).toBe(8);
    expect(settled.counts.done).toBe(3);
    const skipped = engine.page({ view: 'finished' }).items.filter((item) => item.state === 'skipped');
    expect(skipped.every((item) => item.lastError?.code === 'INVALID_INPUT')).toBe(true);
    expect(skipped.map((item) => item.note).join('\n')).toContain('"x\\r\\nDELE y"');
    expect((await readdir(folders.local)).sort()).toEqual(['site']);
    expect((await readdir(into)).sort()).toEqual(['index.html', 'ok.txt']);
    expect(await readdir(folders.base)).not.toContain('evil.txt');
  });

  it('never writes through a link inside the target folder', async () => {
    await writeTree(folders.server, { 'tree/sub/payload.txt': 'payload', 'tree/top.txt': 'top' });
    const outside = path.join(folders.base, 'outside');
    await mkdir(outside);
    await mkdir(path.join(folders.local, 'tree'));
    await symlink(outside, path.join(folders.local, 'tree', 'sub'));
    const server = makeServer(folders);
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'dir', remotePath: '/tree', localPath: path.join(folders.local, 'tree') }],
    });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.failed).toBe(1);
    const failed = engine.page({ view: 'failed' }).items[0]!;
    expect(failed.remotePath).toBe('/tree/sub');
    expect(failed.lastError?.message).toMatch(/link/);
    expect(await readdir(outside)).toEqual([]);
    expect(await readFile(path.join(folders.local, 'tree/top.txt'), 'utf8')).toBe('top');
  });

  it('does not follow links to folders on the server', async () => {
    await writeTree(folders.server, { 'tree/real/file.txt': 'x' });
    await symlink(path.join(folders.server, 'tree'), path.join(folders.server, 'tree', 'loop'));
    const server = makeServer(folders);
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'dir', remotePath: '/tree', localPath: path.join(folders.local, 'tree') }],
    });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.skipped).toBe(1);
    expect(engine.page({ view: 'finished' }).items.find((item) => item.state === 'skipped')?.note).toMatch(/links to folders/);
    expect(await readFile(path.join(folders.local, 'tree/real/file.txt'), 'utf8')).toBe('x');
  });

  it('moves the first bytes before the whole tree is listed', async () => {
    const spec: Record<string, number> = {};
    for (let folder = 0; folder < 6; folder++) spec[`tree/f${folder}/file.bin`] = 1000;
    await writeTree(folders.server, spec);
    let firstFileDone: () => void = () => undefined;
    const fileDone = new Promise<void>((resolve) => (firstFileDone = resolve));
    let listingWaitedForTransfer = false;
    const server = makeServer(folders, {
      // The last folder's listing is answered only after a file finished: a walker that lists
      // everything before transferring would wait here until the timeout below.
      beforeList: async (remotePath) => {
        if (remotePath !== '/tree/f5') return;
        await Promise.race([fileDone.then(() => (listingWaitedForTransfer = true)), new Promise((resolve) => setTimeout(resolve, 15_000))]);
      },
    });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 2 } } });
    engine.on('items', (change) => {
      if (change.items.some((item) => item.kind === 'file' && item.state === 'done')) firstFileDone();
    });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'dir', remotePath: '/tree', localPath: path.join(folders.local, 'tree') }],
    });
    const settled = await engine.settled(batch.id);
    expect(listingWaitedForTransfer).toBe(true);
    expect(settled.counts.done).toBe(13);
  });

  it('stops listing more folders while many of the batch files wait to start', async () => {
    const spec: Record<string, number> = {};
    for (let folder = 0; folder < 4; folder++) for (let file = 0; file < 10; file++) spec[`tree/f${folder}/${file}.bin`] = 100;
    await writeTree(folders.server, spec);
    const queuedAtListing: number[] = [];
    let batchId = -1;
    const server = makeServer(folders, {
      beforeList: async (remotePath) => {
        if (!/\/f\d$/.test(remotePath) || !engine) return;
        queuedAtListing.push(engine.page({ batchId, view: 'pending', limit: 500 }).items.filter((item) => item.kind === 'file' && item.state === 'queued').length);
      },
    });
    engine = await openEngine(folders, server, { limits: { connections: { perSite: 1 } }, tuning: { folderHighWater: 5 } });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      items: [{ kind: 'dir', remotePath: '/tree', localPath: path.join(folders.local, 'tree') }],
    });
    batchId = batch.id;
    expect((await engine.settled(batch.id)).counts.done).toBe(45);
    expect(queuedAtListing).toHaveLength(4);
    // Without the limit, folders (which are listed first) would be read while 10, 20, 30 files wait.
    expect(Math.max(...queuedAtListing)).toBeLessThan(5);
  });
});
