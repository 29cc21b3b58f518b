/**
 * Host-key verification against a real sshd: unknown keys are a question (or refused),
 * "trust always" pins, a changed key is refused before any login attempt, and
 * known_hosts (plain and hashed) is honoured without being written.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/contract/app';
import type { HostKeyQuestion, TrustDecision } from '../../../shared/types/trust';
import { makeSshHostKey, startSshd, type SshdHandle } from '../../../testkit/servers';
import { MemoryTrustStore } from '../trust-store';
import { connectSftp, type SftpConnectOptions } from './index';
import { rejectionOf } from './test-support';

let server: SshdHandle;
let dir: string;

beforeAll(async () => {
  server = await startSshd();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-sftp-hostkeys-'));
});
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Connect to `target` with the given trust setup; returns what happened along the way. */
async function attempt(
  target: SshdHandle,
  options: Partial<SftpConnectOptions> & { trustStore: MemoryTrustStore },
): Promise<{ questions: HostKeyQuestion[]; log: LogLine[]; result: Awaited<ReturnType<typeof connectSftp>> | Error }> {
  const questions: HostKeyQuestion[] = [];
  const log: LogLine[] = [];
  const { decideHostKey, ...rest } = options;
  const result = await connectSftp({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    knownHostsFile: null,
    onLog: (line) => log.push(line),
    ...(decideHostKey
      ? {
          decideHostKey: (question: HostKeyQuestion): Promise<TrustDecision> => {
            questions.push(question);
            return decideHostKey(question);
          },
        }
      : {}),
    ...rest,
  }).catch((error: Error) => error);
  if (!(result instanceof Error)) await result.close();
  return { questions, log, result };
}

const loginAttempted = (log: LogLine[]): boolean => log.some((line) => /Trying .* authentication|Logged in/.test(line.text));

describe('unknown host key', () => {
  it('is refused when nobody can be asked, before any login attempt', async () => {
    const { result, log } = await attempt(server, { trustStore: new MemoryTrustStore() });
    expect(result).toMatchObject({ code: 'HOST_KEY_UNKNOWN' });
    expect((result as Error).message).toContain(server.hostKeyFingerprint);
    expect(loginAttempted(log)).toBe(false);
  });

  it('asks with host, port, key type and fingerprint; "reject" refuses', async () => {
    const { result, questions, log } = await attempt(server, { trustStore: new MemoryTrustStore(), decideHostKey: async () => 'reject' });
    expect(questions).toEqual([{ host: server.host, port: server.port, keyType: server.hostKeyType, fingerprint: server.hostKeyFingerprint }]);
    expect(result).toMatchObject({ code: 'HOST_KEY_UNKNOWN' });
    expect(loginAttempted(log)).toBe(false);
  });

  it('"trust once" connects without pinning, so the next connection asks again', async () => {
    const trustStore = new MemoryTrustStore();
    const first = await attempt(server, { trustStore, decideHostKey: async () => 'trust-once' });
    expect(first.result).not.toBeInstanceOf(Error);
    expect(await trustStore.pinned('host-key', server.host, server.port)).toEqual([]);
    const second = await attempt(server, { trustStore, decideHostKey: async () => 'trust-once' });
    expect(second.questions).toHaveLength(1);
  });

  it('"trust always" pins the fingerprint; the next connection does not ask', async () => {
    const trustStore = new MemoryTrustStore();
    const first = await attempt(server, { trustStore, decideHostKey: async () => 'trust-always' });
    expect(first.result).not.toBeInstanceOf(Error);
    expect(await trustStore.pinned('host-key', server.host, server.port)).toEqual([server.hostKeyFingerprint]);
    const second = await attempt(server, { trustStore, decideHostKey: async () => 'reject' });
    expect(second.questions).toEqual([]);
    expect(second.result).not.toBeInstanceOf(Error);
  });
});

describe('RSA host key', () => {
  it('shows the same type and fingerprint as ssh-keygen for an RSA host key', async () => {
    const rsa = await startSshd({ hostKey: 'rsa' });
    try {
      const { result, questions } = await attempt(rsa, { trustStore: new MemoryTrustStore(), decideHostKey: async () => 'trust-once' });
      expect(result).not.toBeInstanceOf(Error);
      expect(questions).toEqual([{ host: rsa.host, port: rsa.port, keyType: 'ssh-rsa', fingerprint: rsa.hostKeyFingerprint }]);
    } finally {
      await rsa.stop();
    }
  });
});

describe('changed host key', () => {
  it('is refused with HOST_KEY_CHANGED when another fingerprint is pinned, never asked, no login attempted', async () => {
    const trustStore = new MemoryTrustStore();
    await trustStore.pin('host-key', server.host, server.port, 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    let prompted = 0;
    const { result, questions, log } = await attempt(server, {
      trustStore,
      decideHostKey: async () => 'trust-always',
      answerPrompts: async () => {
        prompted++;
        return [];
      },
    });
    expect(result).toMatchObject({ code: 'HOST_KEY_CHANGED' });
    expect((result as Error).message).toMatch(/could be an attack/);
    expect((result as Error & { detail?: string }).detail).toContain(server.hostKeyFingerprint);
    expect(questions).toEqual([]);
    expect(prompted).toBe(0);
    expect(loginAttempted(log)).toBe(false);
    // Loud, once, in the log too.
    expect(log.filter((line) => line.level === 'error' && /could be an attack/.test(line.text))).toHaveLength(1);
    // The old pin is not replaced.
    expect(await trustStore.pinned('host-key', server.host, server.port)).toEqual(['SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']);
  });

  it('is refused when the server on the same port comes back with another host key', async () => {
    const firstKey = await makeSshHostKey('ed25519');
    const first = await startSshd({ hostKey: firstKey });
    const trustStore = new MemoryTrustStore();
    const port = first.port;
    const before = await attempt(first, { trustStore, decideHostKey: async () => 'trust-always' });
    expect(before.result).not.toBeInstanceOf(Error);
    await first.stop();

    const second = await startSshd({ hostKey: await makeSshHostKey('ed25519'), port });
    try {
      const after = await attempt(second, { trustStore, decideHostKey: async () => 'trust-always' });
      expect(after.result).toMatchObject({ code: 'HOST_KEY_CHANGED' });
      expect(after.questions).toEqual([]);
      expect(loginAttempted(after.log)).toBe(false);
      // sshd saw no authentication at all from us.
      expect(fs.readFileSync(second.logFile, 'utf8')).not.toMatch(/Accepted|Failed (password|publickey)/);
    } finally {
      await second.stop();
    }
  });
});

describe('known_hosts (read-only)', () => {
  const publicKeyLine = (): string => fs.readFileSync(`${server.hostKeyPath}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');

  it('trusts a key listed in a plain known_hosts line, without asking, pinning or writing', async () => {
    const file = path.join(dir, 'known_hosts_plain');
    const text = `# test\nother.example ${publicKeyLine()}\n[${server.host}]:${server.port} ${publicKeyLine()}\n`;
    fs.writeFileSync(file, text);
    const trustStore = new MemoryTrustStore();
    const { result, questions, log } = await attempt(server, { trustStore, knownHostsFile: file, decideHostKey: async () => 'reject' });
    expect(result).not.toBeInstanceOf(Error);
    expect(questions).toEqual([]);
    expect(log.map((line) => line.text)).toContain('Host key is trusted (listed in known_hosts).');
    expect(await trustStore.pinned('host-key', server.host, server.port)).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  it('trusts a key listed in a hashed known_hosts line (ssh-keygen -H)', async () => {
    const file = path.join(dir, 'known_hosts_hashed');
    fs.writeFileSync(file, `[${server.host}]:${server.port} ${publicKeyLine()}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    const { result, questions } = await attempt(server, { trustStore: new MemoryTrustStore(), knownHostsFile: file, decideHostKey: async () => 'reject' });
    expect(result).not.toBeInstanceOf(Error);
    expect(questions).toEqual([]);
  });

  it('refuses when known_hosts lists a different key of the same type for this host:port', async () => {
    const other = path.join(dir, 'other_host_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const otherLine = fs.readFileSync(`${other}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    const file = path.join(dir, 'known_hosts_changed');
    fs.writeFileSync(file, `[${server.host}]:${server.port} ${otherLine}\n`);
    const { result, questions, log } = await attempt(server, {
      trustStore: new MemoryTrustStore(),
      knownHostsFile: file,
      decideHostKey: async () => 'trust-always',
    });
    expect(result).toMatchObject({ code: 'HOST_KEY_CHANGED' });
    expect((result as Error & { detail?: string }).detail).toContain(`ssh-keygen -R '[${server.host}]:${server.port}'`);
    expect(questions).toEqual([]);
    expect(loginAttempted(log)).toBe(false);
  });

  it('ignores known_hosts when turned off (null)', async () => {
    const file = path.join(dir, 'known_hosts_off');
    fs.writeFileSync(file, `[${server.host}]:${server.port} ${publicKeyLine()}\n`);
    const { result } = await attempt(server, { trustStore: new MemoryTrustStore(), knownHostsFile: null });
    expect(result).toMatchObject({ code: 'HOST_KEY_UNKNOWN' });
  });
});
