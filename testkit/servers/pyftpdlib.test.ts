import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPyftpdlib, type FtpServerHandle } from './index';
import { curl, ftpUrl, portAcceptsConnections, runClient } from './curl.test-helper';

const started: FtpServerHandle[] = [];
async function start(options?: Parameters<typeof startPyftpdlib>[0]): Promise<FtpServerHandle> {
  const handle = await startPyftpdlib(options);
  started.push(handle);
  return handle;
}
afterAll(async () => {
  await Promise.all(started.map((h) => h.stop()));
});

describe('startPyftpdlib', () => {
  it('lets curl upload, list and download, with UTF-8 names and MLSD', async () => {
    const server = await start();
    expect(server.remoteRoot).toBe('/');
    const auth = `${server.user}:${server.password}`;
    const source = path.join(server.root, '..', 'source.txt');
    await fs.writeFile(source, 'über alles\n');

    await curl('--user', auth, '-T', source, ftpUrl('ftp', server.host, server.port, '/Grüße ✓.txt'));
    expect(await fs.readFile(path.join(server.root, 'Grüße ✓.txt'), 'utf8')).toBe('über alles\n');
    // Written by the server process, which runs as the root folder's owner.
    expect((await fs.stat(path.join(server.root, 'Grüße ✓.txt'))).uid).toBe((await fs.stat(server.root)).uid);

    const names = await curl('--user', auth, '--list-only', ftpUrl('ftp', server.host, server.port, '/'));
    expect(names.stdout.split(/\r?\n/)).toContain('Grüße ✓.txt');
    const download = await curl('--user', auth, ftpUrl('ftp', server.host, server.port, '/Grüße ✓.txt'));
    expect(download.stdout).toBe('über alles\n');

    // MLSD is what sets pyftpdlib apart from vsftpd in the engine tests.
    const mlsd = await curl('--user', auth, '-X', 'MLSD', ftpUrl('ftp', server.host, server.port, '/'));
    expect(mlsd.stdout).toMatch(/;size=12;type=file;.* Grüße ✓\.txt/);
  });

  it('refuses a wrong password', async () => {
    const server = await start();
    await expect(curl('--user', `${server.user}:wrong`, ftpUrl('ftp', server.host, server.port, '/'))).rejects.toThrow(/530|denied|login/i);
  });

  it('offers explicit TLS without requiring it: curl logs in over TLS, lftp moves data over TLS', async () => {
    const server = await start({ tls: true });
    expect(server.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const auth = `${server.user}:${server.password}`;
    await fs.writeFile(path.join(server.root, 'tls.txt'), 'over tls');

    // curl starts TLS on a data connection before sending RETR/LIST, which pyftpdlib does not
    // accept (see protocol.md), so curl proves the TLS control channel with clear data (PROT C).
    const control = await curl('-v', '--ftp-ssl-control', '-k', '--user', auth, ftpUrl('ftp', server.host, server.port, '/tls.txt'));
    expect(control.stderr).toMatch(/AUTH (TLS|SSL)/);
    expect(control.stderr).toMatch(/SSL connection using TLS/);
    expect(control.stdout).toBe('over tls');

    // lftp sends the transfer command first, then TLS on the data connection (PROT P).
    const lftp = await runClient('/usr/bin/lftp', [
      '-u', auth.replace(':', ','), '-p', String(server.port),
      '-e', 'set ssl:verify-certificate no; set ftp:ssl-force yes; set ftp:ssl-protect-data yes; cat tls.txt; bye',
      server.host,
    ]);
    expect(lftp.stdout).toBe('over tls');
    // The server's own log shows the data connection was protected.
    const log = await fs.readFile(server.logFile!, 'utf8');
    expect(log).toMatch(/<- PROT P\n.*-> 200/);
    expect(log).toMatch(/<- RETR tls\.txt/);

    // Plain sessions are still allowed.
    const plain = await curl('--user', auth, ftpUrl('ftp', server.host, server.port, '/tls.txt'));
    expect(plain.stdout).toBe('over tls');
  });

  it('stop() frees the port and removes the temp dirs; a new server can take the same port', async () => {
    const server = await start();
    const { port, root } = server;
    await server.stop();
    expect(await portAcceptsConnections('127.0.0.1', port)).toBe(false);
    await expect(fs.stat(root)).rejects.toThrow(/ENOENT/);
    await server.stop(); // idempotent
    const again = await start({ port });
    expect(again.port).toBe(port);
    expect(await portAcceptsConnections('127.0.0.1', port)).toBe(true);
  });
});
