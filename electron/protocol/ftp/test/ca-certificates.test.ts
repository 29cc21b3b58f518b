/**
 * Certificates that chain to a trusted CA: accepted without a question when the host
 * name matches, and a question ("for a different host name") when it does not. The CA
 * is made here with openssl and trusted through `extraCaCertificates`.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CertificateQuestion, TrustDecision } from '../../../../shared/types/trust';
import { connectFtp } from '..';
import { MemoryTrustStore } from '../../trust-store';
import { startVsftpd, type TestCertificate, type VsftpdHandle } from '../../../../testkit/servers';
import { readAll, rejectionOf, writeAll } from '../../../../testkit/fault-ftp/client-helpers';

const run = promisify(execFile);
let dir: string;
let caPem: string;
const servers: VsftpdHandle[] = [];

/** A key and certificate for `subjectAltName`, signed by the test CA. */
async function leaf(name: string, subjectAltName: string): Promise<TestCertificate> {
  const keyPath = path.join(dir, `${name}-key.pem`);
  const csrPath = path.join(dir, `${name}.csr`);
  const certPath = path.join(dir, `${name}.pem`);
  const extPath = path.join(dir, `${name}.ext`);
  await fs.writeFile(extPath, `subjectAltName=${subjectAltName}\n`);
  await run('/usr/bin/openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', keyPath, '-out', csrPath]);
  await run('/usr/bin/openssl', [
    'x509', '-req', '-in', csrPath, '-CA', path.join(dir, 'ca.pem'), '-CAkey', path.join(dir, 'ca-key.pem'),
    '-CAcreateserial', '-days', '30', '-sha256', '-extfile', extPath, '-out', certPath,
  ]);
  const [keyPem, certPem] = await Promise.all([fs.readFile(keyPath, 'utf8'), fs.readFile(certPath, 'utf8')]);
  return { keyPem, certPem, keyPath, certPath, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-ca-'));
  await run('/usr/bin/openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '30', '-subj', '/CN=Ferry Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', path.join(dir, 'ca-key.pem'), '-out', path.join(dir, 'ca.pem'),
  ]);
  caPem = await fs.readFile(path.join(dir, 'ca.pem'), 'utf8');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('certificates issued by a trusted CA', () => {
  it('accepts a certificate for the right address without asking, data connections included', async () => {
    const server = await startVsftpd({ tls: 'explicit', certificate: await leaf('good', 'IP:127.0.0.1') });
    servers.push(server);
    const decide = vi.fn(async (): Promise<TrustDecision> => 'reject');
    const client = await connectFtp({
      host: server.host, port: server.port, user: server.user, password: server.password,
      encryption: 'require-explicit', trustStore: new MemoryTrustStore(), decideCertificate: decide, extraCaCertificates: [caPem],
    });
    expect(decide).not.toHaveBeenCalled();
    await writeAll(await client.openWrite('/ca.txt'), Buffer.from('signed'));
    expect((await readAll(await client.openRead('/ca.txt'))).toString()).toBe('signed');
    await client.close();

    // Without the CA the same certificate is a question ("unknown authority").
    const error = await rejectionOf(
      connectFtp({ host: server.host, port: server.port, user: server.user, password: server.password, encryption: 'require-explicit', trustStore: new MemoryTrustStore() }),
    );
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.message).toMatch(/authority this computer does not know/);
  });

  it('asks when the certificate is valid but for another host name', async () => {
    const server = await startVsftpd({ tls: 'explicit', certificate: await leaf('other', 'DNS:other.example') });
    servers.push(server);
    const decide = vi.fn(async (_q: CertificateQuestion): Promise<TrustDecision> => 'reject');
    const error = await rejectionOf(
      connectFtp({
        host: server.host, port: server.port, user: server.user, password: server.password,
        encryption: 'require-explicit', trustStore: new MemoryTrustStore(), decideCertificate: decide, extraCaCertificates: [caPem],
      }),
    );
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(decide.mock.calls[0]?.[0]).toMatchObject({ reason: 'the certificate is for a different host name', issuer: 'CN=Ferry Test CA' });
  });
});
