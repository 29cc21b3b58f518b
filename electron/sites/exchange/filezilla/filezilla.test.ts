import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PortableSite } from '../portable-tree';
import { forEachPortableSite } from '../portable-tree';
import { readFileZillaSites } from './import';
import { writeFileZillaSites } from './export';
import { openSiteServices } from '../../site-services';
import { fakeKeyring } from '../../test-support/fake-keyring';
import { folderMentions, makeTempFolder, removeTempFolders } from '../../test-support/temp-folders';

afterAll(removeTempFolders);

const fixture = (name: string) => fs.readFile(path.join(__dirname, 'fixtures', name), 'utf8');

function sitesByName(tree: ReturnType<typeof readFileZillaSites>): Map<string, PortableSite & { folders: string[] }> {
  const map = new Map<string, PortableSite & { folders: string[] }>();
  forEachPortableSite(tree.nodes, (site, folders) => map.set(site.name, { ...site, folders }));
  return map;
}

describe('reading sitemanager.xml', () => {
  it('reads folders, every field, bookmarks and base64 passwords exactly', async () => {
    const tree = readFileZillaSites(await fixture('all-fields.xml'));
    expect(tree.notes).toEqual([]);
    expect(tree.nodes.map((n) => [n.kind, n.name])).toEqual([
      ['folder', 'Work & Play'],
      ['site', 'Implicit'],
      ['site', 'Explicit TLS'],
      ['site', 'Plain anonymous'],
      ['site', 'Interactive'],
    ]);
    const sites = sitesByName(tree);

    expect(sites.get('  Shop é  ')).toEqual({
      kind: 'site',
      name: '  Shop é  ',
      folders: ['Work & Play', 'Clients'],
      password: ' p@ss <&> wörd ',
      keyPassphrase: null,
      fields: {
        protocol: 'ftp',
        encryption: 'explicit-if-available',
        host: 'ftp.example.com',
        port: 2121,
        logonType: 'normal',
        user: 'alice',
        account: '',
        keyFile: '',
        localFolder: '/home/alice/shop',
        remoteFolder: '/var/www/my folder',
        transferMode: 'active',
        connectionLimit: 3,
        charset: 'windows-1252',
        timeOffsetMinutes: -90,
        colour: 'magenta',
        comments: 'First line\nsecond line  ',
        bookmarks: [
          { name: 'Images', localFolder: '/home/alice/shop/img', remoteFolder: '/var/www/img' },
          { name: 'Root', localFolder: '', remoteFolder: '/' },
        ],
        syncBrowsing: true,
        uploadToTemporaryName: false,
      },
    });
    expect(sites.get('Deploy')).toMatchObject({
      folders: ['Work & Play'],
      password: null,
      fields: { protocol: 'sftp', port: null, logonType: 'key', user: 'deploy', keyFile: '/home/alice/.ssh/id_ed25519', charset: 'utf-8', colour: 'green', remoteFolder: '/srv/app' },
    });
    expect(sites.get('Implicit')).toMatchObject({
      password: 'acc0unt-pw',
      fields: { encryption: 'implicit', port: null, logonType: 'normal', account: 'billing', timeOffsetMinutes: 60, transferMode: 'passive', connectionLimit: 1, localFolder: 'C:\\Users\\bob\\Sites', remoteFolder: 'C:\\Web' },
    });
    expect(sites.get('Explicit TLS')).toMatchObject({ password: null, fields: { encryption: 'require-explicit', logonType: 'ask', colour: 'orange' } });
    expect(sites.get('Plain anonymous')).toMatchObject({ fields: { encryption: 'plain', logonType: 'anonymous' } });
    expect(sites.get('Interactive')).toMatchObject({ fields: { protocol: 'sftp', port: 2222, logonType: 'interactive' } });
  });

  it('imports master-password-protected passwords as "ask", and says so', async () => {
    const tree = readFileZillaSites(await fixture('master-password.xml'));
    const site = sitesByName(tree).get('Protected')!;
    expect(site.password).toBeNull();
    expect(site.fields.logonType).toBe('ask');
    expect(tree.notes).toEqual([{ item: 'Protected', message: expect.stringContaining("FileZilla's master password") }]);
  });

  it('reports unsupported protocols, unknown fields and values it had to change', async () => {
    const tree = readFileZillaSites(await fixture('unsupported.xml'));
    const sites = sitesByName(tree);
    expect([...sites.keys()]).toEqual(['VMS box', 'Legacy site', 'Inside']);
    const notesFor = (item: string) => tree.notes.filter((n) => n.item === item).map((n) => n.message);

    expect(notesFor('Cloud bucket')).toEqual(['Not imported: it uses Amazon S3, which Ferry does not support.']);
    const vms = notesFor('VMS box').join('\n');
    for (const expected of [
      'port "99999"',
      'transfer mode "MODE_SIDEWAYS"',
      'connection limit "50"',
      'character set "KLINGON-8"',
      'Bypass proxy',
      'colour number 12',
      'VMS path',
      'Directory comparison',
      'bookmark "Broken" uses synchronized browsing',
      'remote folder of bookmark "Broken"',
      '2 post-login command(s)',
      'server type (VMS)',
      '<FavouriteColour> is unknown',
    ]) {
      expect(vms).toContain(expected);
    }
    expect(sites.get('VMS box')!.fields).toMatchObject({ port: null, transferMode: 'default', connectionLimit: 0, charset: 'auto', colour: 'none', remoteFolder: '' });
    expect(sites.get('VMS box')!.fields.bookmarks).toEqual([{ name: 'Broken', localFolder: '', remoteFolder: '' }]);

    expect(sites.get('Legacy site')).toMatchObject({ password: 'plainpass', fields: { host: 'legacy.example.com', user: 'gina' } });
    expect(tree.nodes.find((n) => n.kind === 'folder')).toMatchObject({ name: 'Unnamed folder' });
  });

  it('refuses a DOCTYPE (no entity tricks) and files that are not FileZilla site files', async () => {
    expect(() => readFileZillaSites('')).toThrow();
    await expect(fixture('doctype.xml').then(readFileZillaSites)).rejects.toThrow('DOCTYPE');
    expect(() => readFileZillaSites('<Other><Servers/></Other>')).toThrow('not a FileZilla site manager file');
    expect(() => readFileZillaSites('<FileZilla3><Settings/></FileZilla3>')).toThrow('no <Servers>');
    expect(() => readFileZillaSites('<FileZilla3><Servers><Server></Servers></FileZilla3>')).toThrow(/not valid XML \(line 1/);
  });
});

describe('writing sitemanager.xml', () => {
  it('round-trips every field FileZilla has', async () => {
    const original = readFileZillaSites(await fixture('all-fields.xml'));
    const written = writeFileZillaSites(original.nodes);
    expect(written.notes).toEqual([]);
    const again = readFileZillaSites(written.content);
    expect(again.notes).toEqual([]);
    expect(again.nodes).toEqual(original.nodes);
    expect(written.content).toContain('<RemoteDir>1 0 3 var 3 www 9 my folder</RemoteDir>');
    expect(written.content).toContain('<Pass encoding="base64">IHBAc3MgPCY+IHfDtnJkIA==</Pass>');
    expect(written.content).toContain('<Logontype>4</Logontype>');
  });

  it('leaves passwords out when the tree has none, and notes what FileZilla cannot hold', () => {
    const written = writeFileZillaSites([
      {
        kind: 'site',
        name: 'S',
        password: null,
        keyPassphrase: 'phrase',
        fields: { ...readFileZillaSitesDefaults(), logonType: 'key', remoteFolder: 'relative', uploadToTemporaryName: true },
      },
    ]);
    expect(written.content).not.toContain('<Pass');
    expect(written.content).not.toContain('phrase');
    expect(written.notes.map((n) => n.message).join('\n')).toMatch(/temporary name[\s\S]*passphrase|passphrase[\s\S]*temporary name/);
    expect(written.notes.some((n) => n.message.includes('"relative" is not an absolute path'))).toBe(true);
  });
});

describe('importing through the services', () => {
  it('stores base64 passwords as secrets, never in sites.json', async () => {
    const dir = await makeTempFolder();
    const services = await openSiteServices({ dataDir: dir, keyring: fakeKeyring(), platform: 'linux', exportDir: dir });
    const report = await services.importSites(await fixture('all-fields.xml'), 'auto', null);
    expect(report).toEqual({ folders: 2, sites: 6, passwords: 2, notes: [] });
    expect(await folderMentions(dir, ' p@ss <&> wörd ')).toEqual([]);
    expect(await folderMentions(dir, 'acc0unt-pw')).toEqual([]);
    const shop = services.sites.resolveReference('site:Work & Play/Clients/  Shop é  ').site;
    expect(await services.sites.connectionOptionsFor(shop.id)).toMatchObject({ ready: true, options: { password: ' p@ss <&> wörd ' } });

    const second = await services.importSites(await fixture('all-fields.xml'), 'filezilla', null);
    expect(second.folders).toBe(0); // folders merge
    expect(second.notes).toContainEqual({ item: 'Implicit (2)', message: 'Renamed from "Implicit": that name was taken.' });
  });

  it('imports thousands of sites, giving clashing names a number', async () => {
    const dir = await makeTempFolder();
    const services = await openSiteServices({ dataDir: dir, exportDir: dir });
    const servers = Array.from({ length: 3000 }, (_, i) => `<Server><Host>h${i}</Host><Protocol>4</Protocol><Name>Site ${i % 2000}</Name></Server>`);
    const report = await services.importSites(`<FileZilla3><Servers><Folder>Many${servers.join('')}</Folder></Servers></FileZilla3>`, 'filezilla', null);
    expect(report).toMatchObject({ folders: 1, sites: 3000 });
    expect(report.notes).toHaveLength(1000);
    const many = services.sites.tree().children[0] as { children: Array<{ name: string }> };
    expect(new Set(many.children.map((c) => c.name)).size).toBe(3000);
    expect(many.children.map((c) => c.name)).toContain('Site 5 (2)');
  });

  it('without a place for passwords, imports the sites and reports each password left out', async () => {
    const dir = await makeTempFolder();
    const services = await openSiteServices({ dataDir: dir, exportDir: dir });
    const report = await services.importSites(await fixture('all-fields.xml'), 'auto', null);
    expect(report.passwords).toBe(0);
    expect(report.notes.filter((n) => n.message.startsWith('The password was not imported'))).toHaveLength(2);
    expect(await folderMentions(dir, 'acc0unt-pw')).toEqual([]);
  });
});

function readFileZillaSitesDefaults() {
  return {
    protocol: 'sftp' as const,
    encryption: 'require-explicit' as const,
    host: 'h',
    port: null,
    logonType: 'normal' as const,
    user: 'u',
    account: '',
    keyFile: '/k',
    localFolder: '',
    remoteFolder: '',
    transferMode: 'default' as const,
    connectionLimit: 0,
    charset: 'auto',
    timeOffsetMinutes: 0,
    colour: 'none' as const,
    comments: '',
    bookmarks: [],
    syncBrowsing: false,
    uploadToTemporaryName: false,
  };
}
