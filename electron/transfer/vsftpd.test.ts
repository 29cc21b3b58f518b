/**
 * The transfer engine over the real FTP engine against a real vsftpd on loopback:
 * recursive upload and download of a tree with UTF-8 names, parallel connections,
 * a connection dropped mid-file and resumed with REST, conflicts, and a restart.
 */
import { chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import { startVsftpd, type VsftpdHandle } from '../../testkit/servers';
import { testUserIds } from '../../testkit/servers/test-user';
import { connectFtp } from '../protocol/ftp';
import type { RemoteFs } from '../protocol/remote-fs';
import { MemoryTrustStore } from '../protocol/trust-store';
import { TransferEngine } from './engine';
import type { TransferEngineOptions } from './engine-options';
import { bytesFor, makeFolders, readTree, waitUntil, writeTree, type TestFolders } from './testing/fixtures';

let server: VsftpdHandle;
let folders: TestFolders;
let engine: TransferEngine | null = null;
let connections = 0;

beforeAll(async () => {
  server = await startVsftpd();
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  folders = await makeFolders();
  connections = 0;
});

afterEach(async () => {
  await engine?.close();
  engine = null;
  await folders.cleanup();
});

async function connect(): Promise<RemoteFs> {
  connections += 1;
  return connectFtp({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    encryption: 'plain',
    trustStore: new MemoryTrustStore(),
  });
}

function open(options: Partial<TransferEngineOptions> = {}): Promise<TransferEngine> {
  return TransferEngine.open({
    dataDir: folders.data,
    openConnection: connect,
    retry: { retries: 3, delayMs: () => 0 },
    limits: { connections: { perSite: 3 } },
    tuning: { progressIntervalMs: 20 },
    ...options,
  });
}

/** Puts files into the server's folder as the FTP user, so the server may replace them. */
async function putOnServer(spec: Record<string, string | number>, mtimeBase?: number): Promise<void> {
  await writeTree(server.root, spec, mtimeBase);
  const { uid, gid } = await testUserIds();
  for (const relative of Object.keys(spec)) {
    const parts = relative.split('/');
    for (let i = 1; i <= parts.length; i++) await chown(path.join(server.root, ...parts.slice(0, i)), uid, gid);
  }
}

const TREE = {
  'tree/index.html': '<html>',
  'tree/images/été/plage 1.jpg': 300_000,
  'tree/images/日本/写真.png': 70_001,
  'tree/a/b/c/deep.bin': 1_200_000,
  'tree/empty.txt': '',
};

// Real servers and real disks: slow on a loaded two-core CI machine, so each test gets time.
describe('transfers with vsftpd', { timeout: 120_000 }, () => {
  it('uploads a tree and downloads it back byte-exactly, on several connections', async () => {
    await writeTree(folders.local, TREE);
    engine = await open();
    const up = await engine.enqueue({
      site: 'vsftpd',
      direction: 'upload',
      items: [{ kind: 'dir', localPath: path.join(folders.local, 'tree'), remotePath: '/up-tree' }],
    });
    const uploaded = await engine.settled(up.id);
    expect(uploaded.counts.failed).toBe(0);
    expect(uploaded.counts.done).toBe(uploaded.total);
    expect(await readTree(path.join(server.root, 'up-tree'))).toEqual(await readTree(path.join(folders.local, 'tree')));
    // vsftpd has no MFMT: the upload says so instead of failing.
    const files = engine.page({}).items.filter((item) => item.kind === 'file');
    expect(files.every((item) => item.note === 'The server could not set the modification time.')).toBe(true);

    const back = path.join(folders.base, 'back');
    await mkdir(back);
    const down = await engine.enqueue({
      site: 'vsftpd',
      direction: 'download',
      items: [{ kind: 'dir', remotePath: '/up-tree', localPath: path.join(back, 'tree') }],
    });
    const downloaded = await engine.settled(down.id);
    expect(downloaded.counts.failed).toBe(0);
    expect(await readTree(path.join(back, 'tree'))).toEqual(await readTree(path.join(folders.local, 'tree')));
    // The server's time was applied to each download.
    const serverTime = Math.floor((await stat(path.join(server.root, 'up-tree/a/b/c/deep.bin'))).mtimeMs / 1000);
    const localTime = Math.floor((await stat(path.join(back, 'tree/a/b/c/deep.bin'))).mtimeMs / 1000);
    // vsftpd reports times from LIST, to the minute.
    expect(serverTime - localTime).toBeGreaterThanOrEqual(0);
    expect(serverTime - localTime).toBeLessThan(60);
    // Connections were reused across 14 items, within the limit of three.
    expect(engine.connectionsOpened).toBeLessThanOrEqual(3);
  });

  it('resumes a download with REST after the connection drops mid-file', async () => {
    await putOnServer({ 'resume/big.bin': 2_000_000 });
    let dropped = false;
    const readOffsets: number[] = [];
    engine = await open({
      openConnection: async () => {
        const connection = await connect();
        return withReadSpy(connection, readOffsets, () => {
          if (dropped) return false;
          dropped = true;
          return true;
        });
      },
    });
    const target = path.join(folders.local, 'big.bin');
    const batch = await engine.enqueue({
      site: 'vsftpd',
      direction: 'download',
      items: [{ kind: 'file', remotePath: '/resume/big.bin', localPath: target }],
    });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(dropped).toBe(true);
    expect(readOffsets).toHaveLength(2);
    expect(readOffsets[1]).toBeGreaterThan(0);
    expect(await readFile(target)).toEqual(bytesFor('resume/big.bin', 2_000_000));
  });

  it('keeps both files when an upload meets an existing one', async () => {
    await putOnServer({ 'both/report.txt': 'on the server' }, 1_500_000_000);
    await writeTree(folders.local, { 'report.txt': 'from here' });
    engine = await open();
    const batch = await engine.enqueue({
      site: 'vsftpd',
      direction: 'upload',
      conflictPolicy: 'keepBoth',
      items: [{ kind: 'file', localPath: path.join(folders.local, 'report.txt'), remotePath: '/both/report.txt' }],
    });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(await readFile(path.join(server.root, 'both/report.txt'), 'utf8')).toBe('on the server');
    expect(await readFile(path.join(server.root, 'both/report (1).txt'), 'utf8')).toBe('from here');
  });

  it('finishes after a restart, continuing the partial file', async () => {
    await putOnServer({ 'restart/big.bin': 3_000_000 });
    engine = await open({ limits: { speed: { download: 1024 * 1024 } } });
    const target = path.join(folders.local, 'big.bin');
    const batch = await engine.enqueue({
      site: 'vsftpd',
      direction: 'download',
      items: [{ kind: 'file', remotePath: '/restart/big.bin', localPath: target }],
    });
    await waitUntil(() => engine!.page({}).items[0]!.bytesDone > 200_000, 'part of the file arrived');
    await engine.close();
    const second = await open();
    engine = second;
    const restored = second.page({}).items[0]!;
    expect(restored.state).toBe('paused');
    expect(restored.bytesDone).toBeGreaterThan(0);
    second.resume({ kind: 'all' });
    expect((await second.settled(batch.id)).counts.done).toBe(1);
    expect(await readFile(target)).toEqual(bytesFor('restart/big.bin', 3_000_000));
  });

  it('a failed download leaves the existing file untouched', async () => {
    const target = path.join(folders.local, 'missing.txt');
    await writeFile(target, 'precious');
    engine = await open();
    const batch = await engine.enqueue({
      site: 'vsftpd',
      direction: 'download',
      conflictPolicy: 'overwrite',
      items: [{ kind: 'file', remotePath: '/no/such/file.txt', localPath: target }],
    });
    const settled = await engine.settled(batch.id);
    expect(settled.counts.failed).toBe(1);
    expect(engine.page({}).items[0]!.lastError?.code).toBe('NOT_FOUND');
    expect(await readFile(target, 'utf8')).toBe('precious');
    await rm(target);
  });
});

/**
 * Wraps a real connection: records read offsets, and when `shouldDrop()` says so,
 * closes the connection after 300,000 bytes of a download, as a dropped network would.
 */
function withReadSpy(connection: RemoteFs, offsets: number[], shouldDrop: () => boolean): RemoteFs {
  return new Proxy(connection, {
    get(target, property, receiver) {
      if (property !== 'openRead') {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (remotePath: string, options?: { offset?: number; signal?: AbortSignal }) => {
        offsets.push(options?.offset ?? 0);
        const stream = await target.openRead(remotePath, options);
        if (!shouldDrop()) return stream;
        let seen = 0;
        const cut = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            seen += chunk.length;
            if (seen > 300_000) {
              void target.close();
              stream.destroy();
              callback(new FerryError('CONNECTION_LOST', 'The connection dropped (test).'));
              return;
            }
            callback(null, chunk);
          },
        });
        stream.on('error', (error) => cut.destroy(error));
        return stream.pipe(cut);
      };
    },
  });
}
