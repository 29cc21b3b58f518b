/**
 * The FTP engine against a real vsftpd 3.0.3 on loopback, plain FTP: passive and
 * active transfers, folder operations, resume, ASCII mode, IPv6.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFtp, type FtpConnectOptions } from '..';
import { MemoryTrustStore } from '../../trust-store';
import { startVsftpd, type VsftpdHandle } from '../../../../testkit/servers';
import { testUserIds } from '../../../../testkit/servers/test-user';
import { readAll, rejectionOf, writeAll } from '../../../../testkit/fault-ftp/client-helpers';

let server: VsftpdHandle;
beforeAll(async () => {
  server = await startVsftpd();
});
afterAll(async () => {
  await server?.stop();
});

function connect(extra: Partial<FtpConnectOptions> = {}) {
  return connectFtp({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    encryption: 'plain',
    trustStore: new MemoryTrustStore(),
    ...extra,
  });
}

let owner: { uid: number; gid: number } | undefined;

/** Writes a file into the server's root as the test user (so the server may change it). */
async function putLocal(name: string, content: Buffer | string): Promise<string> {
  const file = path.join(server.root, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  owner ??= await testUserIds();
  await fs.chown(file, owner.uid, owner.gid);
  return file;
}

describe.each(['passive', 'active'] as const)('vsftpd plain, %s mode', (dataMode) => {
  it('uploads, lists, downloads, renames and deletes a file byte-exactly', async () => {
    const client = await connect({ dataMode });
    const dir = `/${dataMode}-files`;
    await client.mkdir(dir);
    const content = randomBytes(1024 * 1024 + 17);
    await writeAll(await client.openWrite(`${dir}/data.bin`), content);
    expect((await fs.readFile(path.join(server.root, dir, 'data.bin'))).equals(content)).toBe(true);
    expect(client.dataChannel()).toBe(dataMode === 'passive' ? 'EPSV' : 'EPRT');

    const entries = await client.list(dir);
    expect(entries.map((e) => [e.name, e.kind, e.size])).toEqual([['data.bin', 'file', content.length]]);
    expect((await readAll(await client.openRead(`${dir}/data.bin`))).equals(content)).toBe(true);

    await client.rename(`${dir}/data.bin`, `${dir}/renamed.bin`);
    expect((await client.list(dir)).map((e) => e.name)).toEqual(['renamed.bin']);
    // RNFR and RNTO go out together: a refused RNFR fails the rename and the connection stays in step.
    expect((await rejectionOf(client.rename(`${dir}/missing.bin`, `${dir}/other.bin`))).code).toBe('NOT_FOUND');
    expect((await client.list(dir)).map((e) => e.name)).toEqual(['renamed.bin']);
    expect(await client.size(`${dir}/renamed.bin`)).toBe(content.length);
    await client.removeFile(`${dir}/renamed.bin`);
    expect(await client.list(dir)).toEqual([]);
    await client.removeDir(dir);
    expect(await client.stat(dir)).toBeNull();
    await client.close();
  });
});

describe('vsftpd plain', () => {
  it('logs in and reports what the server is', async () => {
    const client = await connect();
    expect(client.system()).toMatch(/UNIX/);
    const caps = client.capabilities();
    expect(caps).toMatchObject({ mlsd: false, size: true, mdtm: true, mfmt: false, restStream: true });
    expect(client.security()).toEqual({ encrypted: false });
    expect(await client.pwd()).toBe('/');
    await client.close();
    expect(client.connected).toBe(false);
  });

  it('refuses a wrong password with AUTH_FAILED', async () => {
    const error = await rejectionOf(connect({ password: 'wrong' }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.detail).toMatch(/^530/);
  });

  it('makes nested folders, changes into them, and removes a tree recursively', async () => {
    const client = await connect();
    await client.mkdir('/tree/a/b/c', { parents: true });
    await client.mkdir('/tree/a/b/c', { parents: true }); // already there: fine
    expect(await client.cd('/tree/a')).toBe('/tree/a');
    expect(await client.pwd()).toBe('/tree/a');
    await writeAll(await client.openWrite('b/c/deep.txt'), Buffer.from('deep'));
    await writeAll(await client.openWrite('/tree/.hidden'), Buffer.from('h'));
    expect(await fs.readFile(path.join(server.root, 'tree/a/b/c/deep.txt'), 'utf8')).toBe('deep');
    const hidden = await client.list('/tree', { hidden: true });
    expect(hidden.map((e) => e.name).sort()).toEqual(['.hidden', 'a']);
    const plain = await client.list('/tree');
    expect(plain.map((e) => e.name)).toEqual(['a']);
    const mkdirAgain = await rejectionOf(client.mkdir('/tree/a'));
    expect(mkdirAgain.code).toBe('PERMISSION_DENIED');
    const notEmpty = await rejectionOf(client.removeDir('/tree'));
    expect(notEmpty.detail).toMatch(/^550/);
    await client.removeDir('/tree', { recursive: true });
    await expect(fs.stat(path.join(server.root, 'tree'))).rejects.toThrow(/ENOENT/);
    await client.close();
  });

  it('stats files and folders through the parent listing, and null for missing ones', async () => {
    await putLocal('stat/file.txt', 'twelve bytes');
    const client = await connect();
    expect(await client.stat('/stat/file.txt')).toMatchObject({ name: 'file.txt', kind: 'file', size: 12 });
    expect(await client.stat('/stat')).toMatchObject({ name: 'stat', kind: 'dir' });
    expect(await client.stat('/stat/nope')).toBeNull();
    expect(await client.stat('/nope/nope')).toBeNull();
    expect(await client.stat('/')).toMatchObject({ name: '/', kind: 'dir' });
    await client.close();
  });

  it('changes permissions, reads MDTM, and reports MFMT as unsupported', async () => {
    const file = await putLocal('perm/mode.txt', 'x');
    const mtime = new Date(Date.UTC(2021, 5, 7, 8, 9, 10));
    await fs.utimes(file, mtime, mtime);
    const client = await connect();
    await client.chmod('/perm/mode.txt', 0o640);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o640);
    expect((await client.modifiedTime('/perm/mode.txt'))?.getTime()).toBe(mtime.getTime());
    expect(await client.size('/perm/mode.txt')).toBe(1);
    const error = await rejectionOf(client.setModifiedTime('/perm/mode.txt', new Date()));
    expect(error.code).toBe('UNSUPPORTED');
    expect(await client.hash('/perm/mode.txt')).toBeNull();
    expect(client.canHash?.()).toBe(false); // vsftpd offers no checksum command
    expect((await rejectionOf(client.openRead('/perm/missing'))).code).toBe('NOT_FOUND');
    expect((await rejectionOf(client.removeFile('/perm/missing'))).code).toBe('NOT_FOUND');
    expect(await client.raw('SITE CHMOD 600 /perm/mode.txt')).toMatchObject({ code: 200 });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    await client.close();
  });

  it('resumes an interrupted download byte-exactly', async () => {
    const content = randomBytes(4 * 1024 * 1024);
    await putLocal('resume-down.bin', content);
    const client = await connect();
    const first = await client.openRead('/resume-down.bin');
    const part: Buffer[] = [];
    let got = 0;
    await new Promise<void>((resolve) => {
      first.on('data', (chunk: Buffer) => {
        part.push(chunk);
        got += chunk.length;
        if (got >= 1024 * 1024) {
          first.destroy();
          resolve();
        }
      });
    });
    const partial = Buffer.concat(part);
    expect(partial.length).toBeLessThan(content.length);
    const rest = await readAll(await client.openRead('/resume-down.bin', { offset: partial.length }));
    expect(Buffer.concat([partial, rest]).equals(content)).toBe(true);
    await client.close();
  });

  it('resumes an interrupted upload byte-exactly', async () => {
    const content = randomBytes(4 * 1024 * 1024);
    const client = await connect();
    const first = await client.openWrite('/resume-up.bin');
    await new Promise<void>((resolve) => first.write(content.subarray(0, 1024 * 1024), () => resolve()));
    first.destroy();
    // The server keeps what arrived; ask it how much.
    const kept = await waitForStableSize(() => client.size('/resume-up.bin'));
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(1024 * 1024);
    await writeAll(await client.openWrite('/resume-up.bin', { offset: kept }), content.subarray(kept));
    expect((await fs.readFile(path.join(server.root, 'resume-up.bin'))).equals(content)).toBe(true);
    await client.close();
  });

  it('holds back a download while the reader pauses (bounded buffer, no idle timeout meanwhile)', async () => {
    const content = randomBytes(64 * 1024 * 1024);
    await putLocal('backpressure.bin', content);
    const client = await connect({ timeouts: { dataIdleMs: 300 } });
    const stream = await client.openRead('/backpressure.bin');
    await new Promise<void>((resolve) => stream.once('readable', () => resolve()));
    // Nobody reads: the buffer must settle at about the stream's high-water mark, not grow
    // towards the file size. Polled until it stops changing for a while (longer than the idle limit).
    let last = -1;
    let unchanged = 0;
    for (let i = 0; i < 300 && unchanged < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      unchanged = stream.readableLength === last ? unchanged + 1 : 0;
      last = stream.readableLength;
    }
    expect(unchanged).toBe(10);
    expect(stream.readableLength).toBeLessThan(1024 * 1024);
    // The pause lasted longer than dataIdleMs, yet the download completes intact.
    expect((await readAll(stream)).equals(content)).toBe(true);
    await client.close();
  });

  it('converts line endings in ASCII mode', async () => {
    const client = await connect();
    await writeAll(await client.openWrite('/text.txt', { mode: 'ascii' }), Buffer.from('one\ntwo\r\nthree\n'));
    // vsftpd stores ASCII uploads as they come off the wire (ascii_upload_enable=NO): CRLF.
    expect(await fs.readFile(path.join(server.root, 'text.txt'), 'utf8')).toBe('one\r\ntwo\r\nthree\r\n');
    expect((await readAll(await client.openRead('/text.txt', { mode: 'ascii' }))).toString()).toBe('one\ntwo\nthree\n');
    expect((await readAll(await client.openRead('/text.txt'))).toString()).toBe('one\r\ntwo\r\nthree\r\n');
    expect((await rejectionOf(client.openRead('/text.txt', { mode: 'ascii', offset: 3 }))).code).toBe('UNSUPPORTED');
    await client.close();
  });

  it('handles names with spaces and UTF-8', async () => {
    const client = await connect();
    const names = ['with space.txt', ' leading.txt', 'Grüße ü.txt', '日本.txt'];
    await client.mkdir('/names');
    for (const name of names) await writeAll(await client.openWrite(`/names/${name}`), Buffer.from(name));
    const listed = (await client.list('/names')).map((e) => e.name).sort();
    expect(listed).toEqual([...names].sort());
    for (const name of names) expect((await readAll(await client.openRead(`/names/${name}`))).toString()).toBe(name);
    expect(await fs.readdir(path.join(server.root, 'names'))).toEqual(expect.arrayContaining(names));
    await client.close();
  });

  it('reads a listing larger than one TCP window and many small transfers in a row', async () => {
    await putLocal('many/file-000.txt', '0');
    await Promise.all(Array.from({ length: 299 }, (_, i) => putLocal(`many/file-${String(i + 1).padStart(3, '0')}.txt`, `${i + 1}`)));
    const client = await connect();
    const entries = await client.list('/many');
    expect(entries).toHaveLength(300);
    for (let i = 0; i < 20; i++) {
      expect((await readAll(await client.openRead(`/many/file-${String(i).padStart(3, '0')}.txt`))).toString()).toBe(`${i}`);
    }
    await client.close();
  });
});

describe('vsftpd on IPv6 ::1', () => {
  let v6: VsftpdHandle | undefined;
  afterAll(async () => {
    await v6?.stop();
  });

  it('lists and transfers over ::1 with EPSV and with EPRT', async () => {
    v6 = await startVsftpd({ ipv6: true });
    for (const dataMode of ['passive', 'active'] as const) {
      const client = await connectFtp({
        host: '::1',
        port: v6.port,
        user: v6.user,
        password: v6.password,
        encryption: 'plain',
        dataMode,
        trustStore: new MemoryTrustStore(),
      });
      await writeAll(await client.openWrite(`/v6-${dataMode}.txt`), Buffer.from('over ipv6'));
      expect((await readAll(await client.openRead(`/v6-${dataMode}.txt`))).toString()).toBe('over ipv6');
      expect((await client.list('/')).map((e) => e.name)).toContain(`v6-${dataMode}.txt`);
      expect(client.dataChannel()).toBe(dataMode === 'passive' ? 'EPSV' : 'EPRT');
      await client.close();
    }
  });
});

/** Polls `read` until it returns the same value twice in a row (the server finished writing). */
async function waitForStableSize(read: () => Promise<number | null>): Promise<number> {
  let previous = -1;
  for (let i = 0; i < 200; i++) {
    const size = (await read()) ?? 0;
    if (size === previous) return size;
    previous = size;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The remote size never settled.');
}
