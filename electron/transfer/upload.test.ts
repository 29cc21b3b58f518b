import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  'site/index.html': '<html>',
  'site/css/style.css': 'body {}',
  'site/images/été/photo 1.jpg': 64_000,
  'site/images/日本/写真.png': 100_001,
  'site/deep/er/est/file.bin': 20_000,
};

function partFiles(tree: Map<string, Buffer>): string[] {
  return [...tree.keys()].filter((name) => name.includes('ferry-part'));
}

describe('uploads', () => {
  it('uploads a tree with nested folders and UTF-8 names through temporary names, keeping times', async () => {
    await writeTree(folders.local, TREE);
    await mkdir(path.join(folders.local, 'site/empty'));
    const server = makeServer(folders, { hash: 'SHA-256' });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      items: [{ kind: 'dir', localPath: path.join(folders.local, 'site'), remotePath: '/site' }],
    });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.failed).toBe(0);
    expect(await readTree(folders.server)).toEqual(await readTree(folders.local));
    expect(await readdir(path.join(folders.server, 'site/empty'))).toEqual([]);
    for (const relative of Object.keys(TREE)) {
      expect(await mtimeSeconds(path.join(folders.server, relative))).toBe(await mtimeSeconds(path.join(folders.local, relative)));
    }
    // Every file went to a temporary name first.
    expect(server.stats.writes.every((write) => write.path.endsWith('.ferry-part'))).toBe(true);
    expect(engine.page({}).items.filter((item) => item.kind === 'file').every((item) => item.verify === 'verified')).toBe(true);
  });

  it('resumes a dropped upload on its temporary file', async () => {
    await writeTree(folders.local, { 'video.mp4': 250_000 });
    const server = makeServer(folders);
    server.inject({ op: 'write', path: /video\.mp4/, afterBytes: 100_000, effect: 'drop' });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      items: [{ kind: 'file', localPath: path.join(folders.local, 'video.mp4'), remotePath: '/video.mp4' }],
    });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(server.stats.writes).toHaveLength(2);
    expect(server.stats.writes[1]!.path).toBe(server.stats.writes[0]!.path);
    expect(server.stats.writes[1]!.offset).toBeGreaterThan(0);
    expect(await readFile(path.join(folders.server, 'video.mp4'))).toEqual(bytesFor('video.mp4', 250_000));
    expect(partFiles(await readTree(folders.server))).toEqual([]);
  });

  it('without temporary names, resumes on the target itself', async () => {
    await writeTree(folders.local, { 'video.mp4': 250_000 });
    const server = makeServer(folders);
    server.inject({ op: 'write', path: '/video.mp4', afterBytes: 100_000, effect: 'drop' });
    engine = await openEngine(folders, server, { siteSettings: () => ({ uploadTempName: false }) });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      items: [{ kind: 'file', localPath: path.join(folders.local, 'video.mp4'), remotePath: '/video.mp4' }],
    });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(server.stats.writes.map((write) => write.path)).toEqual(['/video.mp4', '/video.mp4']);
    expect(server.stats.writes[1]!.offset).toBeGreaterThan(0);
    expect(await readFile(path.join(folders.server, 'video.mp4'))).toEqual(bytesFor('video.mp4', 250_000));
  });

  it('leaves the file on the server untouched when an upload fails', async () => {
    await writeTree(folders.local, { 'index.php': 50_000 });
    await writeFile(path.join(folders.server, 'index.php'), '<?php echo "working site";');
    const server = makeServer(folders);
    server.inject({ op: 'write', path: /index\.php/, afterBytes: 20_000, effect: { fail: 'CONNECTION_LOST' }, times: 100 });
    engine = await openEngine(folders, server, { retry: { retries: 1, delayMs: () => 0 } });
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      conflictPolicy: 'overwrite',
      items: [{ kind: 'file', localPath: path.join(folders.local, 'index.php'), remotePath: '/index.php' }],
    });
    expect((await engine.settled(batch.id)).counts.failed).toBe(1);
    expect(await readFile(path.join(folders.server, 'index.php'), 'utf8')).toBe('<?php echo "working site";');

    // Giving up removes the temporary file from the server too.
    expect(engine.cancel({ kind: 'batch', id: batch.id })).toBe(1);
    await engine.close();
    engine = null;
    expect(await readdir(folders.server)).toEqual(['index.php']);
  });

  it('replaces the target on servers that refuse to rename over a file', async () => {
    await writeTree(folders.local, { 'a.txt': 'new content' });
    await writeFile(path.join(folders.server, 'a.txt'), 'old');
    const server = makeServer(folders, { renameRefusesExisting: true });
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      conflictPolicy: 'overwrite',
      items: [{ kind: 'file', localPath: path.join(folders.local, 'a.txt'), remotePath: '/a.txt' }],
    });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(await readFile(path.join(folders.server, 'a.txt'), 'utf8')).toBe('new content');
    expect(await readdir(folders.server)).toEqual(['a.txt']);
  });

  it('skips local names that would be unsafe in a command', async () => {
    await writeTree(folders.local, { 'up/fine.txt': 'fine', 'up/bad\nname.txt': 'bad' });
    const server = makeServer(folders);
    engine = await openEngine(folders, server);
    const batch = await engine.enqueue({
      site: 'test',
      direction: 'upload',
      items: [{ kind: 'dir', localPath: path.join(folders.local, 'up'), remotePath: '/up' }],
    });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.skipped).toBe(1);
    expect(await readdir(path.join(folders.server, 'up'))).toEqual(['fine.txt']);
    const skipped = engine.page({ view: 'finished' }).items.find((item) => item.state === 'skipped')!;
    expect(skipped.note).toContain('bad\\nname.txt');
  });

  it('a small file that disappears once its upload started fails that item, stops the transfer, and never creates the target', async () => {
    await writeTree(folders.local, { 'gone.txt': 'soon gone' });
    const server = makeServer(folders);
    const local = path.join(folders.local, 'gone.txt');
    // The connection removes the local file the moment the server is ready to receive it.
    const connect = server.connect;
    const connection = async (site: string) => {
      const opened = await connect(site);
      const openWrite = opened.openWrite.bind(opened);
      opened.openWrite = async (remotePath, options) => {
        const writable = await openWrite(remotePath, options);
        await rm(local, { force: true });
        return writable;
      };
      return opened;
    };
    engine = await openEngine(folders, server, { openConnection: connection, retry: { retries: 0, delayMs: () => 0 } });
    const batch = await engine.enqueue({ site: 'test', direction: 'upload', items: [{ kind: 'file', localPath: local, remotePath: '/gone.txt' }] });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.failed).toBe(1);
    expect(engine.page({}).items[0]!.lastError?.code).toBe('ENOENT');
    // The transfer on the server was stopped, not left open; the target never appeared (only the
    // empty temporary file a retry would start from).
    await waitUntil(() => server.stats.activeTransfers === 0, 'the upload stream is closed', 2000);
    expect([...(await readTree(folders.server)).keys()]).toEqual(['gone.txt.1.ferry-part']);
  });
});
