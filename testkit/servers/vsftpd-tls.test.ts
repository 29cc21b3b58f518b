import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCertificate, startVsftpd, type VsftpdHandle } from './index';
import { curl, ftpUrl } from './curl.test-helper';

const started: VsftpdHandle[] = [];
async function start(options?: Parameters<typeof startVsftpd>[0]): Promise<VsftpdHandle> {
  const handle = await startVsftpd(options);
  started.push(handle);
  return handle;
}
afterAll(async () => {
  await Promise.all(started.map((h) => h.stop()));
});

describe('startVsftpd with TLS', () => {
  it('explicit: refuses a plain login, and curl --ssl-reqd uploads, lists and downloads', async () => {
    const server = await start({ tls: 'explicit' });
    expect(server.certificate).toBeDefined();
    const auth = `${server.user}:${server.password}`;
    // force_local_logins_ssl: USER before AUTH TLS is refused.
    await expect(curl('--user', auth, ftpUrl('ftp', server.host, server.port, '/'))).rejects.toThrow(/530|denied|login/i);

    const source = path.join(server.root, '..', 'src.bin');
    await fs.writeFile(source, Buffer.from([0, 1, 2, 255, 254]));
    await curl('--ssl-reqd', '-k', '--user', auth, '-T', source, ftpUrl('ftp', server.host, server.port, '/up.bin'));
    expect(await fs.readFile(path.join(server.root, 'up.bin'))).toEqual(Buffer.from([0, 1, 2, 255, 254]));
    const listing = await curl('--ssl-reqd', '-k', '--user', auth, '--list-only', ftpUrl('ftp', server.host, server.port, '/'));
    expect(listing.stdout.split(/\r?\n/)).toContain('up.bin');
    const download = await curl('--ssl-reqd', '-k', '--user', auth, ftpUrl('ftp', server.host, server.port, '/up.bin'));
    expect(download.stdout).toBe('\u0000\u0001\u0002\ufffd\ufffd');
  });

  it('requires TLS session reuse on data connections by default, and not with requireSslReuse: false', async () => {
    const [strict, relaxed] = await Promise.all([start({ tls: 'explicit' }), start({ tls: 'explicit', requireSslReuse: false })]);
    // curl --no-sessionid opens the data connection with a fresh TLS session.
    await expect(
      curl('--ssl-reqd', '-k', '--no-sessionid', '--user', `${strict.user}:${strict.password}`, ftpUrl('ftp', strict.host, strict.port, '/')),
    ).rejects.toThrow(/522/);
    const listing = await curl('--ssl-reqd', '-k', '--no-sessionid', '--user', `${relaxed.user}:${relaxed.password}`, ftpUrl('ftp', relaxed.host, relaxed.port, '/'));
    expect(listing.stdout).toBe('');
  });

  it('implicit: curl ftps:// lists, and the server presents the handle certificate', async () => {
    const certificate = await makeSelfSignedCertificate();
    const server = await start({ tls: 'implicit', certificate });
    expect(server.certificate?.fingerprint256).toBe(certificate.fingerprint256);
    await fs.writeFile(path.join(server.root, 'implicit.txt'), 'secret');
    const auth = `${server.user}:${server.password}`;
    const listing = await curl('-k', '--user', auth, '--list-only', ftpUrl('ftps', server.host, server.port, '/'));
    expect(listing.stdout.split(/\r?\n/)).toContain('implicit.txt');
    const download = await curl('-k', '--user', auth, ftpUrl('ftps', server.host, server.port, '/implicit.txt'));
    expect(download.stdout).toBe('secret');

    const presented = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ host: server.host, port: server.port, rejectUnauthorized: false }, () => {
        resolve(new X509Certificate(socket.getPeerCertificate(true).raw).fingerprint256);
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(presented).toBe(certificate.fingerprint256);
  });

  it('the certificate is valid for 127.0.0.1 and trusted when pinned as CA', async () => {
    const server = await start({ tls: 'implicit' });
    const ca = server.certificate!.certPem;
    // Host name check against IP:127.0.0.1 in subjectAltName must pass with the cert as its own CA.
    await new Promise<void>((resolve, reject) => {
      const socket = tls.connect({ host: server.host, port: server.port, ca }, () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
  });
});

describe('startVsftpd restarts', () => {
  it('can restart on the same port with a different certificate (a changed certificate)', async () => {
    const first = await start({ tls: 'explicit' });
    const { port } = first;
    const oldFingerprint = first.certificate!.fingerprint256;
    await first.stop();
    const second = await start({ tls: 'explicit', port });
    expect(second.port).toBe(port);
    expect(second.certificate!.fingerprint256).not.toBe(oldFingerprint);
    const listing = await curl('--ssl-reqd', '-k', '--user', `${second.user}:${second.password}`, ftpUrl('ftp', second.host, second.port, '/'));
    expect(listing.stdout).toBe('');
  });
});

describe('startVsftpd options', () => {
  it('anonymous: anonymous users read the anon root but cannot upload', async () => {
    const server = await start({ anonymous: true });
    expect(server.anonRoot).toBeDefined();
    await fs.writeFile(path.join(server.anonRoot!, 'public.txt'), 'for everyone', { mode: 0o644 });
    const download = await curl(ftpUrl('ftp', server.host, server.port, '/public.txt'));
    expect(download.stdout).toBe('for everyone');
    const source = path.join(server.root, '..', 'anon-src.txt');
    await fs.writeFile(source, 'nope');
    await expect(curl('-T', source, ftpUrl('ftp', server.host, server.port, '/upload.txt'))).rejects.toThrow(/550|denied|upload/i);
    // The real user still logs in to their own root.
    const listing = await curl('--user', `${server.user}:${server.password}`, '--list-only', ftpUrl('ftp', server.host, server.port, '/'));
    expect(listing.stdout).not.toMatch(/public\.txt/);
  });

  it('ipv6: listens on ::1', async () => {
    const server = await start({ ipv6: true });
    expect(server.host).toBe('::1');
    await fs.writeFile(path.join(server.root, 'six.txt'), 'v6');
    const download = await curl('--user', `${server.user}:${server.password}`, ftpUrl('ftp', server.host, server.port, '/six.txt'));
    expect(download.stdout).toBe('v6');
  });
});
