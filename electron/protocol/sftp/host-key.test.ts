/**
 * Fingerprints, known_hosts parsing and the host-key verdict, checked against what
 * OpenSSH's own ssh-keygen prints and writes (so "like OpenSSH" is tested, not assumed).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTrustStore } from '../trust-store';
import { checkHostKey, preferredHostKeyTypes } from './host-key-check';
import { hostKeyFingerprint, hostKeyType } from './host-key-fingerprint';
import { entryMatchesHost, knownHostsName, lookUpKnownHost, parseKnownHosts, readKnownHosts } from './known-hosts';

let dir: string;
interface TestKey {
  type: string;
  blob: Buffer;
  base64: string;
  /** As `ssh-keygen -l -E sha256` prints it. */
  fingerprint: string;
}
const keys: Record<'ed1' | 'ed2' | 'rsa', TestKey> = {} as never;

function makeKey(name: string, type: 'ed25519' | 'rsa'): TestKey {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file]);
  const [keyType, base64] = fs.readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/) as [string, string];
  const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' });
  const fingerprint = /(SHA256:\S+)/.exec(printed)?.[1] ?? 'missing';
  return { type: keyType, blob: Buffer.from(base64, 'base64'), base64, fingerprint };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-hostkey-'));
  keys.ed1 = makeKey('ed1', 'ed25519');
  keys.ed2 = makeKey('ed2', 'ed25519');
  keys.rsa = makeKey('rsa', 'rsa');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('host key fingerprint', () => {
  it('matches ssh-keygen -l -E sha256 (no base64 padding)', () => {
    for (const key of Object.values(keys)) {
      expect(hostKeyFingerprint(key.blob)).toBe(key.fingerprint);
      expect(hostKeyFingerprint(key.blob)).not.toContain('=');
      expect(hostKeyType(key.blob)).toBe(key.type);
    }
  });

  it('names a malformed blob unknown instead of throwing', () => {
    expect(hostKeyType(Buffer.from([0, 0]))).toBe('unknown');
    expect(hostKeyType(Buffer.from([0, 0, 1, 0, 65]))).toBe('unknown');
  });
});

describe('known_hosts', () => {
  it('matches plain names, [host]:port, wildcards and negations', () => {
    const file = parseKnownHosts(
      [
        '# comment',
        '',
        `example.com,10.0.0.1 ${keys.ed1.type} ${keys.ed1.base64}`,
        `[example.com]:2222 ${keys.ed2.type} ${keys.ed2.base64} user@box`,
        `*.corp.example,!secret.corp.example ${keys.rsa.type} ${keys.rsa.base64}`,
        `[Host?.Lab]:* ${keys.ed1.type} ${keys.ed1.base64}`,
        'not-enough-fields ssh-ed25519',
        `bad-base64 ssh-ed25519 !!!`,
      ].join('\n'),
    );
    expect(file.entries).toHaveLength(4);
    expect(file.problems).toEqual(['line 7: expected "hosts keytype key"', 'line 8: the key is not base64']);

    expect(knownHostsName('Example.COM', 22)).toBe('example.com');
    expect(knownHostsName('::1', 2222)).toBe('[::1]:2222');
    expect(lookUpKnownHost(file, 'EXAMPLE.com', 22).keys.map((e) => e.line)).toEqual([3]);
    expect(lookUpKnownHost(file, 'example.com', 2222).keys.map((e) => e.line)).toEqual([4]);
    expect(lookUpKnownHost(file, 'example.com', 2223).keys).toEqual([]);
    expect(lookUpKnownHost(file, 'a.corp.example', 22).keys.map((e) => e.line)).toEqual([5]);
    expect(lookUpKnownHost(file, 'secret.corp.example', 22).keys).toEqual([]);
    expect(lookUpKnownHost(file, 'host7.lab', 4000).keys.map((e) => e.line)).toEqual([6]);
    expect(lookUpKnownHost(file, 'host77.lab', 4000).keys).toEqual([]);
  });

  it('matches hashed |1| entries written by ssh-keygen -H', async () => {
    const file = path.join(dir, 'known_hosts_hashed');
    fs.writeFileSync(
      file,
      [`sftp.example.org ${keys.ed1.type} ${keys.ed1.base64}`, `[127.0.0.1]:2222 ${keys.rsa.type} ${keys.rsa.base64}`].join('\n') + '\n',
    );
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('sftp.example.org');
    expect(text).toMatch(/^\|1\|/m);

    const parsed = await readKnownHosts(file);
    expect(parsed.entries).toHaveLength(2);
    expect(lookUpKnownHost(parsed, 'sftp.example.org', 22).keys.map((e) => e.keyType)).toEqual([keys.ed1.type]);
    expect(lookUpKnownHost(parsed, 'SFTP.example.org', 22).keys).toHaveLength(1);
    expect(lookUpKnownHost(parsed, 'sftp.example.org', 2222).keys).toEqual([]);
    expect(lookUpKnownHost(parsed, '127.0.0.1', 2222).keys.map((e) => e.keyType)).toEqual([keys.rsa.type]);
    expect(lookUpKnownHost(parsed, '127.0.0.1', 22).keys).toEqual([]);
  });

  it('treats a missing file as empty and reports malformed hashes as no match', async () => {
    expect(await readKnownHosts(path.join(dir, 'does-not-exist'))).toEqual({ entries: [], problems: [] });
    const [entry] = parseKnownHosts(`|1|AAAA|short ${keys.ed1.type} ${keys.ed1.base64}`).entries;
    expect(entry && entryMatchesHost(entry, 'x', 22)).toBe(false);
  });

  it('reads @revoked and ignores @cert-authority lines', () => {
    const file = parseKnownHosts(
      [`@revoked * ${keys.ed2.type} ${keys.ed2.base64}`, `@cert-authority *.example ${keys.rsa.type} ${keys.rsa.base64}`].join('\n'),
    );
    const found = lookUpKnownHost(file, 'a.example', 22);
    expect(found.keys).toEqual([]);
    expect(found.revoked.map((e) => e.line)).toEqual([1]);
  });
});

describe('host key verdict', () => {
  const host = '127.0.0.1';
  const port = 2222;

  it('is unknown when nothing is recorded', async () => {
    const verdict = await checkHostKey({ host, port, key: keys.ed1.blob, trustStore: new MemoryTrustStore(), knownHosts: null });
    expect(verdict).toEqual({ kind: 'unknown' });
  });

  it('is known when pinned, changed when a different key is pinned', async () => {
    const trustStore = new MemoryTrustStore();
    await trustStore.pin('host-key', host, port, keys.ed1.fingerprint);
    expect(await checkHostKey({ host, port, key: keys.ed1.blob, trustStore, knownHosts: null })).toEqual({ kind: 'known', source: 'trust-store' });
    expect(await checkHostKey({ host, port, key: keys.ed2.blob, trustStore, knownHosts: null })).toEqual({
      kind: 'changed',
      source: 'trust-store',
      expected: [keys.ed1.fingerprint],
    });
    // A pin for another port says nothing about this one.
    expect(await checkHostKey({ host, port: port + 1, key: keys.ed2.blob, trustStore, knownHosts: null })).toEqual({ kind: 'unknown' });
  });

  it('uses known_hosts: same key known, same type different key changed, other type unknown', async () => {
    const knownHosts = parseKnownHosts(`[${host}]:${port} ${keys.ed1.type} ${keys.ed1.base64}`);
    const trustStore = new MemoryTrustStore();
    expect(await checkHostKey({ host, port, key: keys.ed1.blob, trustStore, knownHosts })).toEqual({ kind: 'known', source: 'known-hosts' });
    const changed = await checkHostKey({ host, port, key: keys.ed2.blob, trustStore, knownHosts });
    expect(changed.kind).toBe('changed');
    expect(changed.kind === 'changed' && changed.expected[0]).toContain(keys.ed1.fingerprint);
    expect(await checkHostKey({ host, port, key: keys.rsa.blob, trustStore, knownHosts })).toEqual({ kind: 'unknown' });
    expect(preferredHostKeyTypes(knownHosts, host, port)).toEqual(['ssh-ed25519']);
    expect(preferredHostKeyTypes(null, host, port)).toEqual([]);
  });

  it('refuses a revoked key even when it is pinned', async () => {
    const knownHosts = parseKnownHosts(`@revoked * ${keys.ed1.type} ${keys.ed1.base64}`);
    const trustStore = new MemoryTrustStore();
    await trustStore.pin('host-key', host, port, keys.ed1.fingerprint);
    expect(await checkHostKey({ host, port, key: keys.ed1.blob, trustStore, knownHosts })).toEqual({ kind: 'revoked', line: 1 });
  });

  it('lets a pin win over a differing known_hosts key, and a differing pin win over a matching one', async () => {
    const knownHosts = parseKnownHosts(`[${host}]:${port} ${keys.ed2.type} ${keys.ed2.base64}`);
    const trustStore = new MemoryTrustStore();
    await trustStore.pin('host-key', host, port, keys.ed1.fingerprint);
    expect((await checkHostKey({ host, port, key: keys.ed1.blob, trustStore, knownHosts })).kind).toBe('known');
    expect((await checkHostKey({ host, port, key: keys.ed2.blob, trustStore, knownHosts })).kind).toBe('changed');
  });
});
