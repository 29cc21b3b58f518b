/**
 * SSH keys for the test sshd: host keys and the client keys tests log in with,
 * made with ssh-keygen.
 */
import { execFile } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeStateDir } from './temp-dirs';

const run = promisify(execFile);
const SSH_KEYGEN = '/usr/bin/ssh-keygen';

/** Runs ssh-keygen; rejects with its own message. */
async function keygen(args: string[]): Promise<string> {
  try {
    return (await run(SSH_KEYGEN, args)).stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`ssh-keygen ${args.join(' ')} failed: ${stderr.trim() || (error as Error).message}`);
  }
}

/**
 * Writes a new private key (and `.pub`) at `file`. `format: 'PEM'` writes the old
 * PEM container (`-m PEM`) instead of the OpenSSH one.
 */
export async function generateKey(
  file: string,
  type: 'ed25519' | 'rsa',
  options: { passphrase?: string; format?: 'PEM'; comment?: string } = {},
): Promise<void> {
  const args = ['-q', '-t', type, '-N', options.passphrase ?? '', '-C', options.comment ?? `ferry-test-${type}`, '-f', file];
  if (type === 'rsa') args.push('-b', '3072');
  if (options.format) args.push('-m', options.format);
  await keygen(args);
}

/** The public key line ('ssh-ed25519 AAAA… comment') of an unencrypted private key file. */
export async function publicKeyOf(privateKeyFile: string): Promise<string> {
  return (await keygen(['-y', '-f', privateKeyFile])).trim();
}

/** 'SHA256:…' fingerprint of a key file (private or public), as `ssh-keygen -lf` prints it. */
export async function fingerprintOf(keyFile: string): Promise<string> {
  const out = await keygen(['-l', '-E', 'sha256', '-f', keyFile]);
  const fingerprint = out.split(' ')[1];
  if (!fingerprint?.startsWith('SHA256:')) throw new Error(`ssh-keygen printed no fingerprint for ${keyFile}: ${out}`);
  return fingerprint;
}

/** Folders made by makeSshHostKey, removed when the process exits. */
const hostKeyDirs: string[] = [];
let exitHookInstalled = false;

/**
 * A fresh host key file that outlives any one server, for tests that restart sshd with
 * the same key (pass the path as `startSshd({ hostKey })`) or with a different one to
 * simulate a changed host key. Removed when the process exits.
 */
export async function makeSshHostKey(type: 'ed25519' | 'rsa' = 'ed25519'): Promise<string> {
  const dir = await makeStateDir('hostkey');
  await fs.chmod(dir, 0o700);
  hostKeyDirs.push(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const d of hostKeyDirs) fsSync.rmSync(d, { recursive: true, force: true });
    });
  }
  const file = path.join(dir, `ssh_host_${type}_key`);
  await generateKey(file, type, { comment: 'ferry-test-host' });
  return file;
}
