/**
 * The FTP engine against pyftpdlib: MLSD/MLST with facts, MFMT, UTF-8 names, and
 * explicit TLS (pyftpdlib needs the transfer command before the data TLS handshake).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFtp, type FtpConnectOptions } from '..';
import { MemoryTrustStore } from '../../trust-store';
import { startPyftpdlib, type FtpServerHandle } from '../../../../testkit/servers';
import { readAll, rejectionOf, writeAll } from '../../../../testkit/fault-ftp/client-helpers';

let plain: FtpServerHandle;
let secure: FtpServerHandle;
beforeAll(async () => {
  [plain, secure] = await Promise.all([startPyftpdlib(), startPyftpdlib({ tls: true })]);
});
afterAll(async () => {
  await Promise.all([plain?.stop(), secure?.stop()]);
});

function options(server: FtpServerHandle, extra: Partial<FtpConnectOptions> = {}): FtpConnectOptions {
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    encryption: 'plain',
    trustStore: new MemoryTrustStore(),
    ...extra,
  };
}

describe('pyftpdlib plain', () => {
  it('lists with MLSD and reads its facts (UTC times, size, mode, owner)', async () => {
    const file = path.join(plain.root, 'facts', 'a.txt');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, 'hello facts');
    await fs.chmod(file, 0o640);
    const mtime = new Date(Date.UTC(2022, 2, 4, 5, 6, 7));
    await fs.utimes(file, mtime, mtime);
    await fs.mkdir(path.join(plain.root, 'facts', 'sub'));
    await fs.writeFile(path.join(plain.root, 'facts', '.dot'), '');

    const client = await connectFtp(options(plain));
    expect(client.capabilities().mlsd).toBe(true);
    const entries = await client.list('/facts');
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(['.dot', 'a.txt', 'sub']);
    expect(byName.get('a.txt')).toMatchObject({
      kind: 'file',
      size: 11,
      mtime: mtime.getTime(),
      mtimePrecision: 'second',
      mode: 0o640,
      permissions: 'rw-r-----',
    });
    expect(byName.get('a.txt')?.owner).toBeTruthy();
    expect(byName.get('sub')?.kind).toBe('dir');
    await client.close();
  });

  it('stats with MLST, null for a missing path', async () => {
    await fs.writeFile(path.join(plain.root, 'mlst.bin'), Buffer.alloc(42));
    const client = await connectFtp(options(plain));
    expect(await client.stat('/mlst.bin')).toMatchObject({ name: 'mlst.bin', kind: 'file', size: 42 });
    expect(await client.stat('/')).toMatchObject({ kind: 'dir' });
    expect(await client.stat('/nothing-here')).toBeNull();
    await client.close();
  });

  it('sets the modification time with MFMT', async () => {
    const client = await connectFtp(options(plain));
    await writeAll(await client.openWrite('/mfmt.txt'), Buffer.from('x'));
    const when = new Date(Date.UTC(2020, 11, 24, 18, 30, 0));
    await client.setModifiedTime('/mfmt.txt', when);
    expect((await fs.stat(path.join(plain.root, 'mfmt.txt'))).mtime.getTime()).toBe(when.getTime());
    expect((await client.stat('/mfmt.txt'))?.mtime).toBe(when.getTime());
    expect((await client.modifiedTime('/mfmt.txt'))?.getTime()).toBe(when.getTime());
    await client.close();
  });

  it('round-trips UTF-8 names: ü, 日本, spaces', async () => {
    const client = await connectFtp(options(plain));
    const names = ['über ü.txt', '日本語 ファイル.txt', 'two  spaces .txt'];
    await client.mkdir('/utf8 dir/日本', { parents: true });
    for (const name of names) await writeAll(await client.openWrite(`/utf8 dir/日本/${name}`), Buffer.from(name));
    expect((await client.list('/utf8 dir/日本')).map((e) => e.name).sort()).toEqual([...names].sort());
    expect((await fs.readdir(path.join(plain.root, 'utf8 dir', '日本'))).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect((await readAll(await client.openRead(`/utf8 dir/日本/${name}`))).toString()).toBe(name);
    }
    expect(await client.cd('/utf8 dir/日本')).toBe('/utf8 dir/日本');
    await client.removeDir('/utf8 dir', { recursive: true });
    await expect(fs.stat(path.join(plain.root, 'utf8 dir'))).rejects.toThrow(/ENOENT/);
    await client.close();
  });

  it('changes permissions with SITE CHMOD and transfers in active mode', async () => {
    const client = await connectFtp(options(plain, { dataMode: 'active' }));
    const content = randomBytes(500_000);
    await writeAll(await client.openWrite('/active.bin'), content);
    expect((await readAll(await client.openRead('/active.bin'))).equals(content)).toBe(true);
    await client.chmod('/active.bin', 0o600);
    expect((await fs.stat(path.join(plain.root, 'active.bin'))).mode & 0o777).toBe(0o600);
    expect(client.dataChannel()).toBe('EPRT');
    await client.close();
  });
});

describe('pyftpdlib explicit TLS', () => {
  it('logs in over TLS and transfers, listing with MLSD', async () => {
    const client = await connectFtp(options(secure, { encryption: 'require-explicit', decideCertificate: async () => 'trust-once' }));
    expect(client.security().encrypted).toBe(true);
    const content = randomBytes(700_000);
    await writeAll(await client.openWrite('/tls ü.bin'), content);
    expect((await client.list('/')).find((e) => e.name === 'tls ü.bin')?.size).toBe(content.length);
    expect((await readAll(await client.openRead('/tls ü.bin'))).equals(content)).toBe(true);
    expect((await fs.readFile(path.join(secure.root, 'tls ü.bin'))).equals(content)).toBe(true);
    // Resume works over TLS too.
    const rest = await readAll(await client.openRead('/tls ü.bin', { offset: 123_456 }));
    expect(rest.equals(content.subarray(123_456))).toBe(true);
    await client.close();
  });

  it('rejects the self-signed certificate without a decision', async () => {
    const error = await rejectionOf(connectFtp(options(secure, { encryption: 'require-explicit' })));
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.detail).toContain(secure.certificate?.fingerprint256);
  });
});
