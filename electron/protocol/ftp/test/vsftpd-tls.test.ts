/**
 * FTPS against a real vsftpd with a self-signed certificate and require_ssl_reuse=YES:
 * the certificate question, trust once / always, a changed certificate, TLS session
 * resumption on data connections (TLS 1.3 and 1.2), implicit FTPS.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CertificateQuestion, TrustDecision } from '../../../../shared/types/trust';
import { connectFtp, type FtpConnectOptions } from '..';
import { MemoryTrustStore } from '../../trust-store';
import { makeSelfSignedCertificate, startVsftpd, type VsftpdHandle } from '../../../../testkit/servers';
import { readAll, rejectionOf, writeAll } from '../../../../testkit/fault-ftp/client-helpers';

const started: VsftpdHandle[] = [];
async function start(options: Parameters<typeof startVsftpd>[0]): Promise<VsftpdHandle> {
  const handle = await startVsftpd(options);
  started.push(handle);
  return handle;
}
afterAll(async () => {
  await Promise.all(started.map((h) => h.stop()));
});

let explicit: VsftpdHandle;
beforeAll(async () => {
  explicit = await start({ tls: 'explicit', requireSslReuse: true });
});

function options(server: VsftpdHandle, extra: Partial<FtpConnectOptions> = {}): FtpConnectOptions {
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    encryption: 'require-explicit',
    trustStore: new MemoryTrustStore(),
    ...extra,
  };
}

/** Round trip through data connections: upload, list, download. Proves TLS session reuse on vsftpd. */
async function roundTrip(client: Awaited<ReturnType<typeof connectFtp>>, name: string): Promise<void> {
  const content = randomBytes(300_000);
  await writeAll(await client.openWrite(`/${name}`), content);
  expect((await client.list('/')).map((e) => e.name)).toContain(name);
  expect((await readAll(await client.openRead(`/${name}`))).equals(content)).toBe(true);
}

describe('vsftpd explicit FTPS, self-signed certificate', () => {
  it('rejects the certificate by default with CERT_UNTRUSTED and its fingerprint', async () => {
    const error = await rejectionOf(connectFtp(options(explicit)));
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.message).toMatch(/not trusted: the certificate is self-signed/);
    expect(error.detail).toContain(explicit.certificate?.fingerprint256);
  });

  it('asks with subject, issuer, validity, fingerprint and reason, and honours "reject"', async () => {
    const decide = vi.fn(async (_q: CertificateQuestion): Promise<TrustDecision> => 'reject');
    const store = new MemoryTrustStore();
    const error = await rejectionOf(connectFtp(options(explicit, { decideCertificate: decide, trustStore: store })));
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(decide).toHaveBeenCalledTimes(1);
    const question = decide.mock.calls[0]?.[0] as CertificateQuestion;
    expect(question).toMatchObject({
      host: '127.0.0.1',
      port: explicit.port,
      fingerprint256: explicit.certificate?.fingerprint256,
      reason: 'the certificate is self-signed',
    });
    expect(question.subject).toContain('CN=127.0.0.1');
    expect(question.issuer).toContain('CN=127.0.0.1');
    expect(new Date(question.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(await store.pinned('certificate', '127.0.0.1', explicit.port)).toEqual([]);
  });

  it('trust-once connects without pinning, and data connections resume the TLS session', async () => {
    const store = new MemoryTrustStore();
    const log: string[] = [];
    const client = await connectFtp(
      options(explicit, { trustStore: store, decideCertificate: async () => 'trust-once', onLog: (line) => log.push(line.text) }),
    );
    expect(client.security()).toMatchObject({ encrypted: true });
    expect(client.security().downgraded).toBeUndefined();
    await roundTrip(client, 'once.bin');
    expect(log.some((line) => /did not resume/.test(line))).toBe(false);
    expect(await store.pinned('certificate', '127.0.0.1', explicit.port)).toEqual([]);
    await client.close();
  });

  it('trust-always pins the fingerprint and the next connection does not ask', async () => {
    const store = new MemoryTrustStore();
    const first = await connectFtp(options(explicit, { trustStore: store, decideCertificate: async () => 'trust-always' }));
    await first.close();
    expect(await store.pinned('certificate', '127.0.0.1', explicit.port)).toEqual([explicit.certificate?.fingerprint256]);
    const decide = vi.fn(async (): Promise<TrustDecision> => 'reject');
    const second = await connectFtp(options(explicit, { trustStore: store, decideCertificate: decide }));
    expect(decide).not.toHaveBeenCalled();
    await roundTrip(second, 'always.bin');
    await second.close();
  });

  it('works in active mode too (EPRT, TLS resumed on the accepted connection)', async () => {
    const client = await connectFtp(options(explicit, { dataMode: 'active', decideCertificate: async () => 'trust-once' }));
    await roundTrip(client, 'active.bin');
    expect(client.dataChannel()).toBe('EPRT');
    await client.close();
  });

  it('negotiates TLS 1.3 when both sides can, and TLS 1.2 also works with session reuse', async () => {
    const client = await connectFtp(options(explicit, { decideCertificate: async () => 'trust-once' }));
    // vsftpd 3.0.3 with OpenSSL 3 negotiates TLS 1.3 here; its session tickets arrive after the handshake.
    expect(client.security().protocol).toBe('TLSv1.3');
    await roundTrip(client, 'tls-default.bin');
    await client.close();

    const previous = tls.DEFAULT_MAX_VERSION;
    tls.DEFAULT_MAX_VERSION = 'TLSv1.2';
    try {
      const old = await connectFtp(options(explicit, { decideCertificate: async () => 'trust-once' }));
      expect(old.security().protocol).toBe('TLSv1.2');
      await roundTrip(old, 'tls12.bin');
      await old.close();
    } finally {
      tls.DEFAULT_MAX_VERSION = previous;
    }
  });

  it('is refused as plain FTP (the server demands TLS), and explicit-if-available uses TLS without a warning', async () => {
    const plain = await rejectionOf(connectFtp(options(explicit, { encryption: 'plain' })));
    expect(plain.code).toBe('TLS_REQUIRED');
    const warnings: string[] = [];
    const client = await connectFtp(
      options(explicit, { encryption: 'explicit-if-available', decideCertificate: async () => 'trust-once', onWarning: (w) => warnings.push(w) }),
    );
    expect(client.security()).toMatchObject({ encrypted: true });
    expect(warnings).toEqual([]);
    await client.close();
  });

  it('refuses a pinned host whose certificate changed, saying it CHANGED, without asking', async () => {
    const oldCertificate = await makeSelfSignedCertificate();
    const first = await start({ tls: 'explicit', certificate: oldCertificate });
    const store = new MemoryTrustStore();
    const client = await connectFtp(options(first, { trustStore: store, decideCertificate: async () => 'trust-always' }));
    await client.close();
    const port = first.port;
    await first.stop();

    // Same host and port, new certificate.
    const second = await start({ tls: 'explicit', port, certificate: await makeSelfSignedCertificate() });
    const decide = vi.fn(async (): Promise<TrustDecision> => 'trust-always');
    const error = await rejectionOf(connectFtp(options(second, { trustStore: store, decideCertificate: decide })));
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.message).toMatch(/CHANGED/);
    expect(error.detail).toContain(oldCertificate.fingerprint256);
    expect(error.detail).toContain(second.certificate?.fingerprint256);
    expect(decide).not.toHaveBeenCalled();
    expect(await store.pinned('certificate', '127.0.0.1', port)).toEqual([oldCertificate.fingerprint256]);
  });
});

describe('vsftpd implicit FTPS', () => {
  it('connects with TLS from the first byte and transfers', async () => {
    const server = await start({ tls: 'implicit' });
    await fs.writeFile(path.join(server.root, 'unused'), '');
    const store = new MemoryTrustStore();
    await store.pin('certificate', '127.0.0.1', server.port, server.certificate?.fingerprint256 ?? '');
    const client = await connectFtp(options(server, { encryption: 'implicit', trustStore: store }));
    expect(client.security().encrypted).toBe(true);
    await roundTrip(client, 'implicit.bin');
    await client.close();
    // Without the pin and without a decider: refused.
    expect((await rejectionOf(connectFtp(options(server, { encryption: 'implicit' })))).code).toBe('CERT_UNTRUSTED');
  });
});
