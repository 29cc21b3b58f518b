import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteFields } from '../../../shared/contract/sites';
import { openSiteServices, type SiteServices } from '../site-services';
import { fakeKeyring } from '../test-support/fake-keyring';
import { folderMentions, makeTempFolder, removeTempFolders } from '../test-support/temp-folders';
import { readFerrySites } from './ferry-json';

afterAll(removeTempFolders);

const FIELDS: Partial<SiteFields> = {
  protocol: 'sftp',
  host: 'files.example',
  port: 2022,
  user: 'me',
  logonType: 'key',
  keyFile: '/keys/me',
  remoteFolder: '/home/me',
  uploadToTemporaryName: true,
  bookmarks: [{ name: 'B', localFolder: '/l', remoteFolder: '/r' }],
};

async function servicesWithSites(): Promise<{ dir: string; exportDir: string; services: SiteServices; ids: { folder: string; key: string; ftp: string } }> {
  const dir = await makeTempFolder();
  const exportDir = await makeTempFolder();
  const services = await openSiteServices({ dataDir: dir, keyring: fakeKeyring(), platform: 'linux', exportDir });
  const folder = await services.sites.createFolder(null, 'Team');
  const key = await services.sites.create({ parentId: folder.id, name: 'Key site', fields: FIELDS, keyPassphrase: 'phrase-123' });
  const ftp = await services.sites.create({ parentId: null, name: 'FTP site', fields: { host: 'ftp.example', user: 'u' }, password: 'pw-456' });
  return { dir, exportDir, services, ids: { folder: folder.id, key: key.site.id, ftp: ftp.site.id } };
}

describe('export', () => {
  it("round-trips every field through Ferry's own JSON", async () => {
    const { services } = await servicesWithSites();
    const exported = await services.exportSites({ format: 'ferry', includePasswords: false });
    expect(exported).toMatchObject({ fileName: 'ferry-sites.json', savedTo: null });
    expect(exported.content).not.toContain('pw-456');
    expect(exported.content).not.toContain('phrase-123');

    const target = await openSiteServices({ dataDir: await makeTempFolder(), keyring: fakeKeyring(), platform: 'linux' });
    const report = await target.importSites(exported.content!, 'auto', null);
    expect(report).toEqual({ folders: 1, sites: 2, passwords: 0, notes: [] });
    const strip = (s: ReturnType<SiteServices['sites']['get']>) => {
      const { id: _i, parentId: _p, ...rest } = s;
      return rest;
    };
    const original = services.sites.resolveReference('Team/Key site').site;
    const copy = target.sites.resolveReference('Team/Key site').site;
    expect(strip(target.sites.get(copy.id))).toEqual({ ...strip(services.sites.get(original.id)), hasKeyPassphrase: false });
  });

  it('with passwords, saves the file in the main process and never returns its content', async () => {
    const { dir, exportDir, services, ids } = await servicesWithSites();
    const exported = await services.exportSites({ format: 'ferry', includePasswords: true, ids: [ids.folder, ids.key, ids.ftp] });
    expect(exported.content).toBeNull();
    expect(exported.savedTo).not.toBeNull();
    expect(path.dirname(exported.savedTo!)).toBe(exportDir);
    expect(exported.fileName).toMatch(/^ferry-sites-with-passwords-\d{8}-\d{6}\.json$/);
    if (process.platform !== 'win32') expect((await fs.stat(exported.savedTo!)).mode & 0o777).toBe(0o600);
    const tree = readFerrySites(await fs.readFile(exported.savedTo!, 'utf8'));
    expect(tree.nodes).toHaveLength(2); // the site inside the chosen folder is not repeated
    expect(JSON.stringify(tree.nodes)).toContain('pw-456');
    expect(JSON.stringify(tree.nodes)).toContain('phrase-123');
    expect(await folderMentions(dir, 'pw-456')).toEqual([]);

    const second = await services.exportSites({ format: 'ferry', includePasswords: true });
    expect(second.savedTo).not.toBe(exported.savedTo);
  });

  it('exports to FileZilla with base64 passwords only when asked', async () => {
    const { exportDir, services, ids } = await servicesWithSites();
    const plain = await services.exportSites({ format: 'filezilla', includePasswords: false, ids: [ids.ftp] });
    expect(plain.fileName).toBe('sitemanager.xml');
    expect(plain.content).toContain('<Host>ftp.example</Host>');
    expect(plain.content).not.toContain('<Pass');
    const withPasswords = await services.exportSites({ format: 'filezilla', includePasswords: true, ids: [ids.ftp] });
    const text = await fs.readFile(withPasswords.savedTo!, 'utf8');
    expect(text).toContain(`<Pass encoding="base64">${Buffer.from('pw-456').toString('base64')}</Pass>`);
    expect(path.dirname(withPasswords.savedTo!)).toBe(exportDir);
  });

  it('asks to unlock before exporting passwords under a locked master password', async () => {
    const dir = await makeTempFolder();
    const first = await openSiteServices({ dataDir: dir, exportDir: dir });
    await first.secrets.setMasterPassword(undefined, 'm');
    await first.sites.create({ parentId: null, name: 'S', fields: { host: 'h' }, password: 'pw' });
    const later = await openSiteServices({ dataDir: dir, exportDir: dir });
    await expect(later.exportSites({ format: 'ferry', includePasswords: true })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(later.exportSites({ format: 'ferry', includePasswords: false })).resolves.toMatchObject({ savedTo: null });
  });
});

describe('export notes', () => {
  it('says which saved passwords it could not include (keyring secrets under plain Node)', async () => {
    const { dir } = await servicesWithSites();
    const cli = await openSiteServices({ dataDir: dir, exportDir: await makeTempFolder() });
    const exported = await cli.exportSites({ format: 'ferry', includePasswords: true });
    expect(exported.notes).toEqual([
      { item: 'Team/Key site', message: expect.stringContaining('key passphrase was left out') },
      { item: 'FTP site', message: expect.stringContaining('password was left out') },
    ]);
  });
});

describe("reading Ferry's JSON", () => {
  it('refuses other JSON, newer formats and invalid content with clear errors', () => {
    expect(() => readFerrySites('{"a":1}')).toThrow('not a Ferry site export');
    expect(() => readFerrySites('{"format":"ferry-sites","version":9,"items":[]}')).toThrow('newer version of Ferry');
    expect(() => readFerrySites('{"format":"ferry-sites","version":1,"items":[{"kind":"site","name":"","fields":{}}]}')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => readFerrySites('{')).toThrow('not valid JSON');
  });

  it('fills missing fields with defaults', () => {
    const tree = readFerrySites('{"format":"ferry-sites","version":1,"items":[{"kind":"site","name":"S","fields":{"host":"h"}}]}');
    expect(tree.nodes[0]).toMatchObject({ kind: 'site', fields: { host: 'h', protocol: 'ftp', encryption: 'require-explicit' }, password: null });
  });
});
