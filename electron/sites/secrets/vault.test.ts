import fs from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fakeKeyring } from '../test-support/fake-keyring';
import { fileMentions, makeTempFolder, removeTempFolders } from '../test-support/temp-folders';
import { SecretVault } from './vault';

afterEach(() => vi.restoreAllMocks());
afterAll(removeTempFolders);

const SECRET = 'hunter2 with spaces ü';

async function vaultWithMaster(master = 'correct horse'): Promise<{ dir: string; vault: SecretVault }> {
  const dir = await makeTempFolder();
  const vault = await SecretVault.open({ dataDir: dir });
  await vault.setMasterPassword(undefined, master);
  return { dir, vault };
}

describe('SecretVault without keyring or master password', () => {
  it('saves nothing and says why', async () => {
    const vault = await SecretVault.open({ dataDir: await makeTempFolder() });
    expect(vault.status()).toMatchObject({ mode: 'none', locked: false, canSave: false, saved: 0 });
    expect(vault.whyCannotSave()).toContain('master password');
    await expect(vault.save({ a: SECRET })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(vault.save({ a: null })).resolves.toBeUndefined();
  });
});

describe('SecretVault with a master password', () => {
  it('stores only ciphertext, starts locked in a new run, and unlocks with the right password only', async () => {
    const { dir, vault } = await vaultWithMaster();
    await vault.save({ 'site:1:password': SECRET });
    expect(await vault.get('site:1:password')).toBe(SECRET);
    expect(await fileMentions(vault.file, SECRET)).toBe(false);
    expect(await fileMentions(vault.file, 'correct horse')).toBe(false);
    if (process.platform !== 'win32') expect((await fs.stat(vault.file)).mode & 0o777).toBe(0o600);

    const again = await SecretVault.open({ dataDir: dir });
    expect(again.status()).toMatchObject({ mode: 'master-password', locked: true, saved: 1, canSave: false });
    expect(again.has('site:1:password')).toBe(true);
    await expect(again.get('site:1:password')).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(again.save({ x: 'y' })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(again.unlock('wrong horse')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(again.isLocked()).toBe(true);
    await again.unlock('correct horse');
    expect(await again.get('site:1:password')).toBe(SECRET);
    again.lock();
    await expect(again.get('site:1:password')).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('deletes secrets while locked (no key is needed to delete)', async () => {
    const { dir, vault } = await vaultWithMaster();
    await vault.save({ a: SECRET, b: 'other' });
    const locked = await SecretVault.open({ dataDir: dir });
    await locked.save({ a: null });
    expect(locked.names()).toEqual(['b']);
  });

  it('refuses a secret moved onto another name', async () => {
    const { dir, vault } = await vaultWithMaster();
    await vault.save({ 'site:1:password': SECRET });
    const document = JSON.parse(await fs.readFile(vault.file, 'utf8'));
    document.entries['site:2:password'] = document.entries['site:1:password'];
    await fs.writeFile(vault.file, JSON.stringify(document));
    const tampered = await SecretVault.open({ dataDir: dir });
    await tampered.unlock('correct horse');
    expect(await tampered.get('site:1:password')).toBe(SECRET);
    expect(await tampered.get('site:2:password')).toBeNull();
  });

  it('changes the master password, re-encrypting every secret', async () => {
    const { dir, vault } = await vaultWithMaster('first');
    await vault.save({ a: SECRET, b: 'second secret' });
    const before = JSON.parse(await fs.readFile(vault.file, 'utf8'));
    await expect(vault.setMasterPassword('not it', 'second')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(vault.setMasterPassword(undefined, 'second')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await vault.setMasterPassword('first', 'second');
    const after = JSON.parse(await fs.readFile(vault.file, 'utf8'));
    expect(after.master.salt).not.toBe(before.master.salt);
    expect(after.entries.a.data).not.toBe(before.entries.a.data);
    expect(await vault.get('a')).toBe(SECRET);

    const reopened = await SecretVault.open({ dataDir: dir });
    await expect(reopened.unlock('first')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await reopened.unlock('second');
    expect(await reopened.get('b')).toBe('second secret');
  });

  it('keeps the old protection intact when re-encryption cannot be written', async () => {
    const { dir, vault } = await vaultWithMaster('first');
    await vault.save({ a: SECRET });
    const before = await fs.readFile(vault.file, 'utf8');
    vi.spyOn(fs, 'rename').mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    await expect(vault.setMasterPassword('first', 'second')).rejects.toThrow('disk full');
    expect(await fs.readFile(vault.file, 'utf8')).toBe(before);
    expect(await vault.get('a')).toBe(SECRET); // still unlocked with the old key
    const reopened = await SecretVault.open({ dataDir: dir });
    await reopened.unlock('first');
    expect(await reopened.get('a')).toBe(SECRET);
  });

  it('removes the master password only with confirmation when there is no keyring to keep secrets in', async () => {
    const { vault } = await vaultWithMaster('first');
    await vault.save({ a: SECRET });
    await expect(vault.setMasterPassword('first', null)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(vault.status()).toMatchObject({ mode: 'master-password', saved: 1 });
    await vault.setMasterPassword('first', null, true);
    expect(vault.status()).toMatchObject({ mode: 'none', saved: 0, locked: false });
    expect(JSON.parse(await fs.readFile(vault.file, 'utf8'))).toEqual({ version: 1, master: null, entries: {} });
  });
});

describe('SecretVault with a keyring', () => {
  it('uses a real keyring backend and stores only its blobs', async () => {
    const dir = await makeTempFolder();
    const keyring = fakeKeyring('gnome_libsecret');
    const vault = await SecretVault.open({ dataDir: dir, keyring, platform: 'linux' });
    expect(vault.status()).toMatchObject({ mode: 'keyring', canSave: true, locked: false });
    await vault.save({ a: SECRET });
    expect(await fileMentions(vault.file, SECRET)).toBe(false);
    const reopened = await SecretVault.open({ dataDir: dir, keyring, platform: 'linux' });
    expect(await reopened.get('a')).toBe(SECRET);
  });

  it("treats Linux's basic_text backend as no keyring", async () => {
    const vault = await SecretVault.open({ dataDir: await makeTempFolder(), keyring: fakeKeyring('basic_text'), platform: 'linux' });
    expect(vault.status()).toMatchObject({ mode: 'none', canSave: false });
    const mac = await SecretVault.open({ dataDir: await makeTempFolder(), keyring: fakeKeyring('unknown'), platform: 'darwin' });
    expect(mac.mode()).toBe('keyring');
  });

  it('moves secrets from the keyring under a master password and back', async () => {
    const dir = await makeTempFolder();
    const keyring = fakeKeyring();
    const vault = await SecretVault.open({ dataDir: dir, keyring, platform: 'linux' });
    await vault.save({ a: SECRET });
    await vault.setMasterPassword(undefined, 'master');
    expect(vault.mode()).toBe('master-password');
    expect(JSON.parse(await fs.readFile(vault.file, 'utf8')).entries.a).toHaveProperty('iv');
    expect(await vault.get('a')).toBe(SECRET);

    const locked = await SecretVault.open({ dataDir: dir, keyring, platform: 'linux' });
    expect(locked.status()).toMatchObject({ mode: 'master-password', locked: true });
    await locked.setMasterPassword('master', null);
    expect(locked.mode()).toBe('keyring');
    expect(JSON.parse(await fs.readFile(locked.file, 'utf8')).entries.a).toHaveProperty('keyring');
    expect(await locked.get('a')).toBe(SECRET);
  });

  it('keeps keyring secrets it cannot read under plain Node, and says so', async () => {
    const dir = await makeTempFolder();
    const app = await SecretVault.open({ dataDir: dir, keyring: fakeKeyring(), platform: 'linux' });
    await app.save({ a: SECRET });
    const cli = await SecretVault.open({ dataDir: dir });
    expect(cli.status()).toMatchObject({ mode: 'none', saved: 1, canSave: false });
    expect(cli.status().problem).toContain('keyring');
    expect(await cli.get('a')).toBeNull();
    await expect(cli.setMasterPassword(undefined, 'm')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(cli.names()).toEqual(['a']);
  });
});

describe('never save passwords', () => {
  it('refuses to save while on', async () => {
    const { vault } = await vaultWithMaster();
    vault.setNeverSave(true);
    expect(vault.status()).toMatchObject({ canSave: false, neverSave: true });
    await expect(vault.save({ a: SECRET })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});
