import fs from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempFolder, removeTempFolders } from '../test-support/temp-folders';
import { FileTrustStore } from './file-trust-store';

afterAll(removeTempFolders);

describe('FileTrustStore', () => {
  it('pins per kind and host:port, with details, and keeps them across runs', async () => {
    const dir = await makeTempFolder();
    const store = await FileTrustStore.open(dir);
    await store.pin('certificate', 'FTP.Example.com', 990, 'AB:CD', { subject: 'CN=ftp.example.com' });
    await store.pin('host-key', '[::1]', 2222, 'SHA256:abc', { keyType: 'ssh-ed25519' });
    await store.pin('certificate', 'ftp.example.com', 990, 'ab:cd'); // same fingerprint, other case
    expect(await store.pinned('certificate', 'ftp.example.com', 990)).toEqual(['AB:CD']);
    expect(await store.pinned('certificate', 'ftp.example.com', 21)).toEqual([]);
    expect(await store.pinned('host-key', 'ftp.example.com', 990)).toEqual([]);
    expect(await store.pinned('host-key', '::1', 2222)).toEqual(['SHA256:abc']);

    const reopened = await FileTrustStore.open(dir);
    expect(reopened.list()).toEqual([
      { kind: 'host-key', host: '::1', port: 2222, fingerprint: 'SHA256:abc', added: expect.any(Number), subject: null, keyType: 'ssh-ed25519' },
      { kind: 'certificate', host: 'ftp.example.com', port: 990, fingerprint: 'AB:CD', added: expect.any(Number), subject: 'CN=ftp.example.com', keyType: null },
    ]);
    if (process.platform !== 'win32') expect((await fs.stat(`${dir}/trust.json`)).mode & 0o777).toBe(0o600);
  });

  it('removes one fingerprint or every one of a host:port', async () => {
    const store = await FileTrustStore.open(await makeTempFolder());
    await store.pin('host-key', 'h', 22, 'SHA256:one');
    await store.pin('host-key', 'h', 22, 'SHA256:two');
    await store.pin('host-key', 'h', 23, 'SHA256:one');
    expect(await store.remove({ kind: 'host-key', host: 'H', port: 22, fingerprint: 'SHA256:one' })).toBe(1);
    expect(await store.pinned('host-key', 'h', 22)).toEqual(['SHA256:two']);
    expect(await store.remove({ kind: 'host-key', host: 'h', port: 22 })).toBe(1);
    expect(await store.remove({ kind: 'host-key', host: 'h', port: 22 })).toBe(0);
    expect(await store.pinned('host-key', 'h', 23)).toEqual(['SHA256:one']);
  });

  it('keeps SSH fingerprints case-sensitive (base64)', async () => {
    const store = await FileTrustStore.open(await makeTempFolder());
    await store.pin('host-key', 'h', 22, 'SHA256:AbC');
    expect(await store.remove({ kind: 'host-key', host: 'h', port: 22, fingerprint: 'SHA256:abc' })).toBe(0);
  });
});
