/**
 * A download trusts the size and time its folder listing just reported instead
 * of asking the server again; a file that changed between listing and transfer
 * must still be caught by the byte count, never placed short or long.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../shared/types/remote';
import type { TransferEngine } from './engine';
import { bytesFor, makeFolders, makeServer, openEngine, writeTree, type TestFolders } from './testing/fixtures';

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

/** A listing that reports `size` for `name`: what the server said before the file changed. */
function staleSize(name: string, size: number) {
  return (_folder: string, entries: RemoteEntry[]): RemoteEntry[] =>
    entries.map((entry) => (entry.name === name ? { ...entry, size } : entry));
}

async function downloadFolder(retries: number) {
  engine = await openEngine(folders, server!, { retry: { retries, delayMs: () => 0 } });
  const batch = await engine.enqueue({
    site: 'test',
    direction: 'download',
    items: [{ kind: 'dir', remotePath: '/tree', localPath: path.join(folders.local, 'tree') }],
  });
  const settled = await engine.settled(batch.id);
  const file = engine.page({ limit: 10 }).items.find((item) => item.kind === 'file')!;
  return { settled, file };
}

let server: ReturnType<typeof makeServer> | null = null;

describe('facts from the folder listing', () => {
  it('a file that grew after it was listed fails that attempt and is downloaded whole on the retry', async () => {
    await writeTree(folders.server, { 'tree/a.bin': 150_000 });
    server = makeServer(folders, { listOverride: staleSize('a.bin', 100_000) });
    const { settled, file } = await downloadFolder(2);
    expect(settled.counts.done).toBe(settled.total);
    expect(file.attempts).toBe(2);
    expect(await readFile(path.join(folders.local, 'tree/a.bin'))).toEqual(bytesFor('tree/a.bin', 150_000));
  });

  it('a small file that became large after it was listed is cut off, not gathered in memory whole', async () => {
    await writeTree(folders.server, { 'tree/a.bin': 3 * 1024 * 1024 });
    server = makeServer(folders, { listOverride: staleSize('a.bin', 8192) });
    const { settled, file } = await downloadFolder(0);
    expect(settled.counts.failed).toBe(1);
    // Stopped after twice the small-file limit, not after all 3 MiB came.
    expect(file.lastError?.message).toMatch(/sent more than 524288 bytes .*downloaded again/);
    expect((await readdir(path.join(folders.local, 'tree'))).filter((name) => !name.includes('ferry-part'))).toEqual([]);
  });

  it('… and downloaded whole on the retry', async () => {
    await writeTree(folders.server, { 'tree/a.bin': 3 * 1024 * 1024 });
    server = makeServer(folders, { listOverride: staleSize('a.bin', 8192) });
    const { settled, file } = await downloadFolder(2);
    expect(settled.counts.done).toBe(settled.total);
    expect(file.attempts).toBe(2);
    // Buffer.equals: toEqual compares 3 MiB element by element, for seconds.
    expect((await readFile(path.join(folders.local, 'tree/a.bin'))).equals(bytesFor('tree/a.bin', 3 * 1024 * 1024))).toBe(true);
  });

  it('facts the caller read just now (listedJustNow) spare the second look, and a file that changed since still fails on its byte count', async () => {
    await writeTree(folders.server, { 'one.bin': 50_000, 'changed.bin': 70_000 });
    server = makeServer(folders);
    // Asking the server for one.bin's facts again would fail it.
    server.inject({ op: 'stat', path: '/one.bin', effect: { fail: 'PERMISSION_DENIED' } });
    engine = await openEngine(folders, server, { retry: { retries: 2, delayMs: () => 0 } });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'download',
      listedJustNow: true,
      items: [
        { kind: 'file', remotePath: '/one.bin', localPath: path.join(folders.local, 'one.bin'), size: 50_000, mtime: null },
        // The caller saw 60,000 bytes; 70,000 are there now.
        { kind: 'file', remotePath: '/changed.bin', localPath: path.join(folders.local, 'changed.bin'), size: 60_000, mtime: null },
      ],
    });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.done).toBe(2);
    const items = engine.page({}).items;
    expect(items.find((item) => item.remotePath === '/one.bin')!.attempts).toBe(1);
    expect(items.find((item) => item.remotePath === '/changed.bin')!.attempts).toBeGreaterThan(1);
    expect((await readFile(path.join(folders.local, 'changed.bin'))).equals(bytesFor('changed.bin', 70_000))).toBe(true);
  });

  it('an upload whose target the caller just found free does not look for it again', async () => {
    await writeTree(folders.local, { 'new.bin': 30_000 });
    server = makeServer(folders);
    // Looking for the target again would fail the item.
    server.inject({ op: 'stat', path: '/new.bin', effect: { fail: 'PERMISSION_DENIED' } });
    engine = await openEngine(folders, server, { retry: { retries: 0, delayMs: () => 0 } });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      listedJustNow: true,
      items: [{ kind: 'file', localPath: path.join(folders.local, 'new.bin'), remotePath: '/new.bin', remoteTargetAbsent: true }],
    });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect((await readFile(path.join(folders.server, 'new.bin'))).equals(bytesFor('new.bin', 30_000))).toBe(true);
  });

  it('a file that shrank after it was listed is never placed short: without retries the item fails and nothing appears', async () => {
    await writeTree(folders.server, { 'tree/a.bin': 60_000 });
    server = makeServer(folders, { listOverride: staleSize('a.bin', 200_000) });
    const { settled, file } = await downloadFolder(0);
    expect(settled.counts.failed).toBe(1);
    expect(file.lastError?.message).toMatch(/changed on the server/);
    expect((await readdir(path.join(folders.local, 'tree'))).filter((name) => !name.includes('ferry-part'))).toEqual([]);
  });

  it('an unchanged file is downloaded on the first attempt without asking the server for its facts again', async () => {
    await writeTree(folders.server, { 'tree/a.bin': 70_000 });
    server = makeServer(folders);
    // Asking for the file's facts again would fail the item.
    server.inject({ op: 'stat', path: '/tree/a.bin', effect: { fail: 'PERMISSION_DENIED' } });
    const { settled, file } = await downloadFolder(2);
    expect(settled.counts.done).toBe(settled.total);
    expect(file.attempts).toBe(1);
    expect(await readFile(path.join(folders.local, 'tree/a.bin'))).toEqual(bytesFor('tree/a.bin', 70_000));
  });

  it('an upload into a folder the batch created does not look the file up first; into an existing folder it still finds the target', async () => {
    await writeTree(folders.local, { 'site/new/a.bin': 40_000, 'site/old/b.bin': 30_000 });
    await writeTree(folders.server, { 'site/old/b.bin': 'the file already there' });
    server = makeServer(folders);
    // Looking up the file in the new folder would fail the item.
    server.inject({ op: 'stat', path: '/site/new/a.bin', effect: { fail: 'PERMISSION_DENIED' } });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      conflictPolicy: 'skip',
      items: [{ kind: 'dir', localPath: path.join(folders.local, 'site'), remotePath: '/site' }],
    });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.failed).toBe(0);
    expect(await readFile(path.join(folders.server, 'site/new/a.bin'))).toEqual(bytesFor('site/new/a.bin', 40_000));
    expect(await readFile(path.join(folders.server, 'site/old/b.bin'), 'utf8')).toBe('the file already there');
    expect(settled.counts.skipped).toBe(1);
  });
});
