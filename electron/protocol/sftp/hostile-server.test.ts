/**
 * A hostile SFTP server (ssh2's server mode, in this process) sends what no real file
 * system can hold: names with "/", "..", NUL, empty names, and packets that break the
 * protocol. Ferry must drop or refuse them, never build a path from them, and never crash.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server, utils, type Connection, type FileEntry, type SFTPWrapper } from 'ssh2';
import type { LogLine } from '../../../shared/contract/app';
import { MemoryTrustStore } from '../trust-store';
import { hostKeyFingerprint } from './host-key-fingerprint';
import { connectSftp } from './index';
import type { RemoteFs } from '../remote-fs';
import { rejectionOf } from './test-support';

const STATUS = { OK: 0, EOF: 1, NO_SUCH_FILE: 2, FAILURE: 4 };
const FILE_MODE = 0o100644;
const DIR_MODE = 0o040755;

const hostileNames = ['..', '.', '', 'a/b', '../../etc/passwd', 'nul\0byte', 'fine.txt'];

let server: Server;
let port: number;
let fingerprint: string;
/** Paths the client asked to delete, to prove nothing outside was touched. */
const removed: string[] = [];
const renamed: [string, string][] = [];
const connections = new Set<Connection>();

function entry(filename: string, mode: number): FileEntry {
  return { filename, longname: filename, attrs: { mode, size: 1, uid: 0, gid: 0, atime: 0, mtime: 0 } };
}

function serveSftp(sftp: SFTPWrapper): void {
  const handles = new Map<string, { path: string; listed: boolean }>();
  let nextHandle = 0;
  sftp.on('REALPATH', (id: number) => sftp.name(id, [entry('/home/user', DIR_MODE)]));
  sftp.on('OPENDIR', (id: number, path: string) => {
    if (path === '/garbage') {
      // A packet of a type SFTP does not have, written straight into the channel.
      const raw = sftp as unknown as { _protocol: { channelData(id: number, data: Buffer): void }; outgoing: { id: number } };
      raw._protocol.channelData(raw.outgoing.id, Buffer.from([0, 0, 0, 5, 250, 0, 0, 0, 0]));
      return;
    }
    const handle = String(nextHandle++);
    handles.set(handle, { path, listed: false });
    sftp.handle(id, Buffer.from(handle));
  });
  sftp.on('READDIR', (id: number, handle: Buffer) => {
    const state = handles.get(handle.toString());
    if (!state || state.listed) return sftp.status(id, STATUS.EOF);
    state.listed = true;
    sftp.name(id, hostileNames.map((name) => entry(name, name === 'a/b' ? DIR_MODE : FILE_MODE)));
  });
  sftp.on('CLOSE', (id: number) => sftp.status(id, STATUS.OK));
  // No posix-rename@openssh.com here: plain SFTP v3 RENAME refuses an existing target.
  sftp.on('RENAME', (id: number, from: string, to: string) => {
    renamed.push([from, to]);
    sftp.status(id, to === '/srv/existing' ? STATUS.FAILURE : STATUS.OK);
  });
  sftp.on('STAT', (id: number, path: string) => {
    if (path === '/srv/existing') sftp.attrs(id, entry('existing', FILE_MODE).attrs);
    else sftp.status(id, STATUS.NO_SUCH_FILE);
  });
  sftp.on('REMOVE', (id: number, path: string) => {
    removed.push(path);
    sftp.status(id, STATUS.OK);
  });
  sftp.on('RMDIR', (id: number, path: string) => {
    removed.push(path);
    sftp.status(id, STATUS.OK);
  });
}

beforeAll(async () => {
  const hostKey = utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(hostKey.public);
  if (parsed instanceof Error) throw parsed;
  fingerprint = hostKeyFingerprint(parsed.getPublicSSH());
  server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (context) => context.accept());
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('sftp', (acceptSftp) => serveSftp(acceptSftp()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const connection of connections) connection.end();
  await new Promise((resolve) => server?.close(resolve));
});

async function connect(): Promise<{ remote: RemoteFs; log: LogLine[] }> {
  const trustStore = new MemoryTrustStore();
  await trustStore.pin('host-key', '127.0.0.1', port, fingerprint);
  const log: LogLine[] = [];
  const remote = await connectSftp({
    host: '127.0.0.1',
    port,
    user: 'anyone',
    password: 'x',
    trustStore,
    knownHostsFile: null,
    onLog: (line) => log.push(line),
  });
  return { remote, log };
}

describe('a hostile SFTP server', () => {
  it('gets its bad names dropped from listings, each with a warning', async () => {
    const { remote, log } = await connect();
    try {
      const entries = await remote.list('/srv');
      expect(entries.map((e) => e.name)).toEqual(['fine.txt']);
      const warnings = log.filter((line) => line.level === 'warning');
      // '.' and '..' are filtered by ssh2 itself; the other four are refused by name.
      expect(warnings).toHaveLength(4);
      expect(warnings.every((line) => !/[\0]/.test(line.text))).toBe(true);
    } finally {
      await remote.close();
    }
  });

  it('cannot make a recursive delete touch anything outside the folder', async () => {
    const { remote } = await connect();
    try {
      removed.length = 0;
      const error = await rejectionOf(remote.removeDir('/srv/target', { recursive: true }));
      expect(error.code).toBe('PROTOCOL_ERROR');
      expect(error.message).toMatch(/unusable name/);
      // The whole listing is checked before anything is deleted.
      expect(removed).toEqual([]);
    } finally {
      await remote.close();
    }
  });

  it('without posix-rename: renames with plain RENAME, and says why an existing target is refused', async () => {
    const { remote } = await connect();
    try {
      await remote.rename('/srv/a', '/srv/b');
      expect(renamed).toContainEqual(['/srv/a', '/srv/b']);
      const error = await rejectionOf(remote.rename('/srv/a', '/srv/existing'));
      expect(error.code).toBe('EEXIST');
      expect(error.message).toMatch(/cannot replace files/);
    } finally {
      await remote.close();
    }
  });

  it('breaks the SFTP protocol: the request fails, the connection closes, nothing crashes', async () => {
    const { remote } = await connect();
    const closed = new Promise<(Error & { code?: string }) | undefined>((resolve) => remote.onClose(resolve));
    const error = await rejectionOf(remote.list('/garbage'));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect((await closed)?.code).toBe('PROTOCOL_ERROR');
    expect(remote.connected).toBe(false);
    await remote.close();
  });
});
