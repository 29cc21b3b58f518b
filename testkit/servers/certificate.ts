/**
 * Self-signed certificates for FTPS test servers, made with the openssl CLI.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestCertificate } from './types';
import { makeStateDir } from './temp-dirs';

const run = promisify(execFile);

/** Certificate folders made by makeSelfSignedCertificate, removed when the process exits. */
const certificateDirs: string[] = [];
let exitHookInstalled = false;

/**
 * A fresh self-signed RSA certificate valid for a year, CN=`commonName` (default 127.0.0.1)
 * with subjectAltName IP:127.0.0.1 and IP:::1 (plus DNS:`commonName` when it is a name).
 * Files live in their own temp folder (readable by root only: the servers run as root),
 * removed when the process exits so a test can hand the same certificate to several servers.
 */
export async function makeSelfSignedCertificate(commonName = '127.0.0.1'): Promise<TestCertificate> {
  const dir = await makeStateDir('cert');
  await fs.chmod(dir, 0o700);
  certificateDirs.push(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const d of certificateDirs) fsSync.rmSync(d, { recursive: true, force: true });
    });
  }
  return writeSelfSignedCertificate(dir, commonName);
}

/** Writes key.pem and cert.pem for a self-signed certificate into `dir` (see makeSelfSignedCertificate). */
export async function writeSelfSignedCertificate(dir: string, commonName = '127.0.0.1'): Promise<TestCertificate> {
  if (!/^[A-Za-z0-9.:-]+$/.test(commonName)) {
    throw new Error(`makeSelfSignedCertificate: "${commonName}" is not a host name or IP address.`);
  }
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  const isIp = /^[0-9.]+$/.test(commonName) || commonName.includes(':');
  const altNames = new Set(['IP:127.0.0.1', 'IP:::1', isIp ? `IP:${commonName}` : `DNS:${commonName}`]);
  try {
    await run('/usr/bin/openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '365',
      '-subj', `/CN=${commonName}`,
      '-addext', `subjectAltName=${[...altNames].join(',')}`,
      '-keyout', keyPath, '-out', certPath,
    ]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl could not make a test certificate: ${stderr.trim() || (error as Error).message}`);
  }
  const [keyPem, certPem] = await Promise.all([fs.readFile(keyPath, 'utf8'), fs.readFile(certPath, 'utf8')]);
  return { keyPem, certPem, keyPath, certPath, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}
