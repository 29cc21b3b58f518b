import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVsftpd, type VsftpdHandle } from './index';
import { curl, ftpUrl, portAcceptsConnections } from './curl.test-helper';

const started: VsftpdHandle[] = [];
async function start(options?: Parameters<typeof startVsftpd>[0]): Promise<VsftpdHandle> {
  const handle = await startVsftpd(options);
  started.push(handle);
  return handle;
}
afterAll(async () => {
  await Promise.all(started.map((h) => h.stop()));
});

describe('startVsftpd (plain FTP)', () => {
  it('lets curl upload, list and download as the test user, chrooted to a fresh root', async () => {
    const server = await start();
    expect(server.host).toBe('127.0.0.1');
    expect(server.remoteRoot).toBe('/');
    const auth = `${server.user}:${server.password}`;
    const local = path.join(server.root, '..', 'upload-source.txt');
    await fs.writeFile(local, 'hello from curl\n');

    await curl('--user', auth, '-T', local, ftpUrl('ftp', server.host, server.port, '/hello.txt'));
    const onDisk = path.join(server.root, 'hello.txt');
    expect(await fs.readFile(onDisk, 'utf8')).toBe('hello from curl\n');
    // Uploaded as the real user, with local_umask 022.
    const stat = await fs.stat(onDisk);
    expect(stat.uid).toBe((await fs.stat(server.root)).uid);
    expect(stat.mode & 0o777).toBe(0o644);

    const listing = await curl('--user', auth, ftpUrl('ftp', server.host, server.port, '/'));
    expect(listing.stdout).toMatch(/hello\.txt/);

    const download = await curl('--user', auth, ftpUrl('ftp', server.host, server.port, '/hello.txt'));
    expect(download.stdout).toBe('hello from curl\n');
  });

  it('keeps UTF-8 file names and allows SITE CHMOD', async () => {
    const server = await start();
    const auth = `${server.user}:${server.password}`;
    await fs.writeFile(path.join(server.root, 'Grüße ✓.txt'), 'utf8 name');
    await fs.chown(path.join(server.root, 'Grüße ✓.txt'), (await fs.stat(server.root)).uid, (await fs.stat(server.root)).gid);

    const listing = await curl('--user', auth, '--list-only', ftpUrl('ftp', server.host, server.port, '/'));
    expect(listing.stdout.split(/\r?\n/)).toContain('Grüße ✓.txt');
    const download = await curl('--user', auth, ftpUrl('ftp', server.host, server.port, '/Grüße ✓.txt'));
    expect(download.stdout).toBe('utf8 name');

    await curl('--user', auth, '--quote', 'SITE CHMOD 600 Grüße ✓.txt', ftpUrl('ftp', server.host, server.port, '/'));
    expect((await fs.stat(path.join(server.root, 'Grüße ✓.txt'))).mode & 0o777).toBe(0o600);
  });

  it('refuses a wrong password', async () => {
    const server = await start();
    await expect(curl('--user', `${server.user}:wrong`, ftpUrl('ftp', server.host, server.port, '/'))).rejects.toThrow(/530|denied|login/i);
  });

  it('works in active mode (PORT) too', async () => {
    const server = await start();
    await fs.writeFile(path.join(server.root, 'a.txt'), 'active');
    const download = await curl('--user', `${server.user}:${server.password}`, '--ftp-port', '127.0.0.1', ftpUrl('ftp', server.host, server.port, '/a.txt'));
    expect(download.stdout).toBe('active');
  });

  it('runs two instances at once, and stop() frees the port and removes the temp dirs', async () => {
    const [first, second] = await Promise.all([start(), start()]);
    expect(first.port).not.toBe(second.port);
    expect(first.root).not.toBe(second.root);
    await fs.writeFile(path.join(first.root, 'only-in-first.txt'), '1');
    const secondListing = await curl('--user', `${second.user}:${second.password}`, '--list-only', ftpUrl('ftp', second.host, second.port, '/'));
    expect(secondListing.stdout).not.toMatch(/only-in-first/);

    await first.stop();
    expect(await portAcceptsConnections(first.host, first.port)).toBe(false);
    await expect(fs.stat(first.root)).rejects.toThrow(/ENOENT/);
    await first.stop(); // idempotent
    // The other instance is untouched.
    const stillThere = await curl('--user', `${second.user}:${second.password}`, '--list-only', ftpUrl('ftp', second.host, second.port, '/'));
    expect(stillThere.stdout).toBe('');
  });

  it('reports vsftpd\'s own start-up error (written to fd 0) when it cannot start', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(startVsftpd({ port })).rejects.toThrow(/500 OOPS: could not bind/);
    } finally {
      blocker.close();
    }
  });

  it('reports a certificate it cannot load', async () => {
    const bogus = { keyPem: '', certPem: '', keyPath: '/nonexistent/key.pem', certPath: '/nonexistent/cert.pem', fingerprint256: '' };
    await expect(startVsftpd({ tls: 'explicit', certificate: bogus })).rejects.toThrow(/OOPS.*(cert|SSL)/i);
  });
});
