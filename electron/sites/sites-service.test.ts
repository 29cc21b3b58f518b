import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteFields } from '../../shared/contract/sites';
import { openSiteServices, type SiteServices } from './site-services';
import { fakeKeyring } from './test-support/fake-keyring';
import { fileMentions, folderMentions, makeTempFolder, removeTempFolders } from './test-support/temp-folders';

afterAll(removeTempFolders);

const PASSWORD = ' s3cret pass wörd ';

/** Every field set to something other than its default. */
const ALL_FIELDS: SiteFields = {
  protocol: 'ftp',
  encryption: 'implicit',
  host: 'ftp.example.com',
  port: 2121,
  logonType: 'normal',
  user: 'alice',
  account: 'acct-7',
  keyFile: '/home/alice/.ssh/id_ed25519',
  localFolder: '/home/alice/site',
  remoteFolder: '/var/www/html',
  transferMode: 'active',
  connectionLimit: 3,
  charset: 'windows-1252',
  timeOffsetMinutes: -90,
  colour: 'magenta',
  comments: 'Line one\nLine two  with spaces  ',
  bookmarks: [
    { name: 'Images', localFolder: '/home/alice/site/img', remoteFolder: '/var/www/html/img' },
    { name: 'Logs', localFolder: '', remoteFolder: '/var/log' },
  ],
  syncBrowsing: true,
  uploadToTemporaryName: true,
};

async function open(dir?: string, keyring = true): Promise<{ dir: string; services: SiteServices }> {
  const dataDir = dir ?? (await makeTempFolder());
  const services = await openSiteServices({
    dataDir,
    keyring: keyring ? fakeKeyringFor(dataDir) : null,
    platform: 'linux',
    exportDir: dataDir,
  });
  return { dir: dataDir, services };
}

/** One keyring per data folder, so a reopened folder finds the same "OS keyring". */
const keyrings = new Map<string, ReturnType<typeof fakeKeyring>>();
function fakeKeyringFor(dir: string) {
  if (!keyrings.has(dir)) keyrings.set(dir, fakeKeyring());
  return keyrings.get(dir)!;
}

describe('sites', () => {
  it('round-trips every field through the file, with the password only in the vault', async () => {
    const { dir, services } = await open();
    const folder = await services.sites.createFolder(null, 'Clients');
    const saved = await services.sites.create({ parentId: folder.id, name: '  Shop  ', fields: ALL_FIELDS, password: PASSWORD });
    expect(saved.notice).toBeNull();
    expect(saved.site).toMatchObject({ ...ALL_FIELDS, name: '  Shop  ', hasPassword: true, passwordNotice: null, path: 'Clients/  Shop  ' });

    const reopened = (await open(dir)).services;
    const site = reopened.sites.get(saved.site.id);
    const { id: _id, kind: _kind, name, parentId, path: _path, effectivePort, hasPassword, hasKeyPassphrase, passwordNotice, ...fields } = site;
    expect(fields).toEqual(ALL_FIELDS);
    expect({ name, parentId, effectivePort, hasPassword, hasKeyPassphrase, passwordNotice }).toEqual({
      name: '  Shop  ',
      parentId: folder.id,
      effectivePort: 2121,
      hasPassword: true,
      hasKeyPassphrase: false,
      passwordNotice: null,
    });
    expect(JSON.stringify(site)).not.toContain(PASSWORD.trim());
    expect(await folderMentions(dir, PASSWORD.trim())).toEqual([]);
    for (const file of await fs.readdir(dir)) {
      if (process.platform !== 'win32') expect((await fs.stat(path.join(dir, file))).mode & 0o777).toBe(0o600);
    }
    const plan = await reopened.sites.connectionOptionsFor(saved.site.id);
    expect(plan).toMatchObject({ ready: true, options: { password: PASSWORD, host: 'ftp.example.com', port: 2121, account: 'acct-7' } });
  });

  it('fills defaults: explicit TLS required and the protocol default port', async () => {
    const { services } = await open();
    const { site } = await services.sites.create({ parentId: null, name: 'New' });
    expect(site).toMatchObject({ protocol: 'ftp', encryption: 'require-explicit', port: null, effectivePort: 21, logonType: 'normal' });
    await services.sites.update({ id: site.id, fields: { protocol: 'sftp' } });
    expect(services.sites.get(site.id).effectivePort).toBe(22);
    await services.sites.update({ id: site.id, fields: { protocol: 'ftp', encryption: 'implicit' } });
    expect(services.sites.get(site.id).effectivePort).toBe(990);
  });

  it('updates only the given fields, and sets, keeps and clears the password', async () => {
    const { dir, services } = await open();
    const { site } = await services.sites.create({ parentId: null, name: 'A', fields: { host: 'a.example', user: 'u' }, password: 'first' });
    await services.sites.update({ id: site.id, fields: { comments: 'hi' }, password: { action: 'keep' } });
    expect(services.sites.get(site.id)).toMatchObject({ host: 'a.example', user: 'u', comments: 'hi', hasPassword: true });
    await services.sites.update({ id: site.id, password: { action: 'set', value: 'second' } });
    expect(await services.sites.connectionOptionsFor(site.id)).toMatchObject({ options: { password: 'second' } });
    expect(await folderMentions(dir, 'second')).toEqual([]);
    await services.sites.update({ id: site.id, password: { action: 'clear' } });
    expect(services.sites.get(site.id)).toMatchObject({ hasPassword: false });
    expect(services.sites.get(site.id).passwordNotice).toContain('will ask');
    expect(await services.sites.connectionOptionsFor(site.id)).toMatchObject({ ready: false, needs: 'password' });
  });

  it('drops a saved password when the logon type stops using it', async () => {
    const { services } = await open();
    const { site } = await services.sites.create({ parentId: null, name: 'A', fields: { host: 'h' }, password: 'pw' });
    const saved = await services.sites.update({ id: site.id, fields: { logonType: 'ask' } });
    expect(saved.site.hasPassword).toBe(false);
    expect(services.secrets.status().saved).toBe(0);
    const plan = await services.sites.connectionOptionsFor(site.id);
    expect(plan).toMatchObject({ ready: false, reason: 'This site asks for the password when connecting.' });
  });

  it('rejects invalid fields and unknown character sets with a clear error', async () => {
    const { services } = await open();
    await expect(services.sites.create({ parentId: null, name: 'A', fields: { port: 70000 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(services.sites.create({ parentId: null, name: 'A', fields: { charset: 'klingon-8' } })).rejects.toThrow('klingon-8');
    await expect(services.sites.create({ parentId: null, name: ' ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(services.sites.create({ parentId: null, name: 'a\nb' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(services.sites.tree().children).toEqual([]);
  });

  it('gives anonymous logon the usual user and password', async () => {
    const { services } = await open();
    const { site } = await services.sites.create({ parentId: null, name: 'Mirror', fields: { host: 'mirror', logonType: 'anonymous' } });
    expect(await services.sites.connectionOptionsFor(site.id)).toMatchObject({ ready: true, options: { user: 'anonymous', password: 'anonymous@' } });
  });
});

describe('the tree', () => {
  it('creates, renames, moves, duplicates and deletes folders and sites', async () => {
    const { dir, services } = await open();
    const work = await services.sites.createFolder(null, 'Work');
    const clients = await services.sites.createFolder(work.id, 'Clients');
    const { site } = await services.sites.create({ parentId: clients.id, name: 'Shop', fields: { host: 'shop' }, password: 'pw' });
    await services.sites.create({ parentId: null, name: 'Home', fields: { host: 'home' } });

    expect(services.sites.tree()).toEqual({
      children: [
        {
          kind: 'folder',
          id: work.id,
          name: 'Work',
          children: [{ kind: 'folder', id: clients.id, name: 'Clients', children: [expect.objectContaining({ kind: 'site', name: 'Shop', hasPassword: true })] }],
        },
        expect.objectContaining({ kind: 'site', name: 'Home' }),
      ],
    });

    await services.sites.rename(clients.id, 'Customers');
    expect(services.sites.get(site.id).path).toBe('Work/Customers/Shop');
    await expect(services.sites.rename(site.id, 'home')).resolves.toBeUndefined(); // other folder: no clash
    await expect(services.sites.move(site.id, null)).rejects.toMatchObject({ code: 'CONFLICT' }); // "Home" is there
    await services.sites.rename(site.id, 'Shop');
    await services.sites.move(site.id, null);
    expect(services.sites.get(site.id)).toMatchObject({ parentId: null, path: 'Shop' });

    await expect(services.sites.move(work.id, clients.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(services.sites.move(work.id, work.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await services.sites.move(clients.id, null);
    expect(services.sites.tree().children.map((n) => n.name)).toEqual(['Customers', 'Work', 'Home', 'Shop']);

    const copy = await services.sites.duplicate(site.id);
    expect(copy.name).toBe('Copy of Shop');
    expect(services.sites.get(copy.id)).toMatchObject({ host: 'shop', hasPassword: true });
    expect(await services.sites.connectionOptionsFor(copy.id)).toMatchObject({ options: { password: 'pw' } });
    expect((await services.sites.duplicate(site.id)).name).toBe('Copy of Shop (2)');

    await services.sites.move(site.id, clients.id);
    const folderCopy = await services.sites.duplicate(clients.id);
    const copiedTree = services.sites.tree().children.find((n) => n.id === folderCopy.id);
    expect(copiedTree).toMatchObject({ name: 'Copy of Customers', children: [expect.objectContaining({ name: 'Shop', hasPassword: true })] });

    const before = services.secrets.status().saved;
    await services.sites.remove(clients.id);
    expect(() => services.sites.get(site.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(services.secrets.status().saved).toBe(before - 1);

    const reopened = (await open(dir)).services;
    expect(reopened.sites.tree()).toEqual(services.sites.tree());
  });

  it('refuses names that clash with a sibling, ignoring case', async () => {
    const { services } = await open();
    await services.sites.createFolder(null, 'Work');
    await expect(services.sites.create({ parentId: null, name: 'WORK' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(services.sites.createFolder(null, 'work')).rejects.toThrow('There is already a folder called "Work"');
    await expect(services.sites.createFolder(null, 'Ｗｏｒｋ')).rejects.toMatchObject({ code: 'CONFLICT' }); // full-width letters
    await expect(services.sites.createFolder(null, 'Wörk')).resolves.toMatchObject({ name: 'Wörk' }); // accents count
  });

  it('refuses to put things into a folder that does not exist', async () => {
    const { services } = await open();
    await expect(services.sites.createFolder('no-such-folder', 'X')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('site references', () => {
  it('resolves site:Folder/Name/path with escapes, relative and absolute remote paths', async () => {
    const { services } = await open();
    const work = await services.sites.createFolder(null, 'Work');
    const slash = await services.sites.createFolder(work.id, 'A/B');
    const { site } = await services.sites.create({ parentId: slash.id, name: 'Prod', fields: { host: 'prod', remoteFolder: '/var/www' }, password: 'pw' });
    const { site: bare } = await services.sites.create({ parentId: null, name: 'Bare', fields: { host: 'bare' } });

    expect(services.sites.get(site.id).path).toBe('Work/A\\/B/Prod');
    expect(services.sites.resolveReference('site:Work/A\\/B/Prod')).toMatchObject({ site: { id: site.id }, remotePath: null });
    expect(services.sites.resolveReference('site:work/a\\/b/prod/img/logo.png').remotePath).toBe('/var/www/img/logo.png');
    expect(services.sites.resolveReference('site:Work/A\\/B/Prod//etc/motd').remotePath).toBe('/etc/motd');
    expect(services.sites.resolveReference('site:Bare/docs').remotePath).toBe('docs');
    expect(services.sites.resolveReference('Bare/').remotePath).toBeNull();
    expect(() => services.sites.resolveReference('site:Work/Nope/x')).toThrow('There is no site or folder called "Nope" in "Work"');
    expect(() => services.sites.resolveReference('site:Work')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    const resolved = await services.sites.connectionForReference('site:Work/A\\/B/Prod/x');
    expect(resolved).toMatchObject({ remotePath: '/var/www/x', plan: { ready: true, options: { host: 'prod', password: 'pw', sitePath: 'Work/A\\/B/Prod' } } });
  });
});

describe('secrets and the sites', () => {
  it('falls back to asking, and says why, when no password can be saved', async () => {
    const { dir, services } = await open(undefined, false);
    const saved = await services.sites.create({ parentId: null, name: 'A', fields: { host: 'h' }, password: PASSWORD });
    expect(saved.notice).toContain('Set a master password');
    expect(saved.site.hasPassword).toBe(false);
    expect(saved.site.passwordNotice).toContain('master password');
    expect(await services.sites.connectionOptionsFor(saved.site.id)).toMatchObject({ ready: false, needs: 'password' });
    expect(await folderMentions(dir, PASSWORD.trim())).toEqual([]);
  });

  it('answers LOCKED while a master password is not entered, and works after unlocking', async () => {
    const { dir, services } = await open(undefined, false);
    await services.secrets.setMasterPassword(undefined, 'master');
    const { site } = await services.sites.create({ parentId: null, name: 'A', fields: { host: 'h' }, password: PASSWORD });
    expect(await fileMentions(services.secrets.file, PASSWORD.trim())).toBe(false);

    const later = (await open(dir, false)).services;
    expect(later.sites.get(site.id)).toMatchObject({ hasPassword: true });
    expect(later.sites.get(site.id).passwordNotice).toContain('locked');
    expect(later.sites.tree().children[0]).toMatchObject({ name: 'A', hasPassword: true });
    await expect(later.sites.connectionOptionsFor(site.id)).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(later.sites.duplicate(site.id)).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(later.sites.update({ id: site.id, password: { action: 'set', value: 'x' } })).rejects.toMatchObject({ code: 'LOCKED' });
    await later.secrets.unlock('master');
    expect(await later.sites.connectionOptionsFor(site.id)).toMatchObject({ ready: true, options: { password: PASSWORD } });
  });

  it('"never save passwords" forgets saved ones and saves no new ones', async () => {
    const { dir, services } = await open();
    const { site } = await services.sites.create({ parentId: null, name: 'A', fields: { host: 'h' }, password: PASSWORD });
    await services.settings.update({ neverSavePasswords: true });
    expect(services.sites.get(site.id).hasPassword).toBe(false);
    const saved = await services.sites.update({ id: site.id, password: { action: 'set', value: 'new one' } });
    expect(saved.notice).toContain('Never save passwords');
    expect(services.secrets.status()).toMatchObject({ saved: 0, neverSave: true });
    const reopened = (await open(dir)).services;
    expect(reopened.secrets.status()).toMatchObject({ neverSave: true, canSave: false });
  });

  it('keeps a key passphrase for key logon', async () => {
    const { services } = await open();
    const { site } = await services.sites.create({
      parentId: null,
      name: 'K',
      fields: { protocol: 'sftp', host: 'h', logonType: 'key', keyFile: '/k' },
      keyPassphrase: 'phrase',
      password: 'ignored',
    });
    expect(site).toMatchObject({ hasKeyPassphrase: true, hasPassword: false });
    expect(await services.sites.connectionOptionsFor(site.id)).toMatchObject({ ready: true, options: { keyFile: '/k', keyPassphrase: 'phrase', password: null } });
  });
});

describe('damaged files', () => {
  it('keeps a damaged sites.json aside, tells the user, and does not overwrite it', async () => {
    const dir = await makeTempFolder();
    await fs.writeFile(path.join(dir, 'sites.json'), '{ "version": 1, "folders": [');
    const { services } = await open(dir);
    const problems = services.problems();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(path.join(dir, 'sites.json'));
    expect(problems[0]!.message).toContain('sites');
    await services.sites.create({ parentId: null, name: 'Fresh' });
    expect(await fs.readFile(problems[0]!.keptAs, 'utf8')).toBe('{ "version": 1, "folders": [');
  });

  it('puts a site whose folder is missing at the top level instead of hiding it', async () => {
    const dir = await makeTempFolder();
    const stray = { ...ALL_FIELDS, id: 'stray', name: 'Stray', parentId: 'gone' };
    await fs.writeFile(path.join(dir, 'sites.json'), JSON.stringify({ version: 1, folders: [], sites: [stray] }));
    const { services } = await open(dir);
    expect(services.sites.tree().children).toEqual([expect.objectContaining({ id: 'stray', name: 'Stray' })]);
  });
});

describe('recent connections', () => {
  it('remembers quick connections newest first, without passwords', async () => {
    const { dir, services } = await open();
    const target = { protocol: 'ftp' as const, encryption: 'require-explicit' as const, host: 'a', port: 21, user: 'u' };
    await services.recent.record({ ...target, password: PASSWORD } as typeof target, 1);
    await services.recent.record({ ...target, host: 'b' }, 2);
    await services.recent.record({ ...target, host: 'A' }, 3);
    expect(services.recent.list().map((r) => [r.host, r.lastUsed])).toEqual([
      ['A', 3], // the same host, as last typed
      ['b', 2],
    ]);
    expect(await folderMentions(dir, PASSWORD.trim())).toEqual([]);
    for (let i = 0; i < 15; i++) await services.recent.record({ ...target, host: `h${i}` });
    expect(services.recent.list()).toHaveLength(10);
    await services.recent.clear();
    expect((await open(dir)).services.recent.list()).toEqual([]);
  });
});
