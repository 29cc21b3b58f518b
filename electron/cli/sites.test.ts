/**
 * `ferry sites …` in-process on the real site services over fresh data
 * folders (each command opens them anew, as the executable does), and saved
 * sites used as `site:Folder/Name/path` against a real vsftpd.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveToTestUser, startVsftpd, type FtpServerHandle } from '../../testkit/servers';
import { openSiteServices } from '../sites';
import { folderMentions } from '../sites/test-support/temp-folders';
import { siteCliContext } from './commands/site-context';
import { runCli } from './main';

const root = path.resolve(__dirname, '..', '..');
const MASTER = 'correct horse battery staple';
const temps: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A fresh data folder; with `master`, saved passwords are protected by that master password (the CLI has no keyring). */
async function dataFolder(master?: string): Promise<string> {
  const dir = await tempDir('ferry-cli-sites-');
  if (master !== undefined) {
    const services = await openSiteServices({ dataDir: dir, exportDir: dir });
    await services.secrets.setMasterPassword(undefined, master);
  }
  return dir;
}

interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Text piped on standard input (then not a terminal). */
  stdin?: string;
  /** Prompts answered on a pretend terminal: each answer is typed once its prompt has appeared. */
  terminal?: [RegExp, string][];
}

interface RunResult {
  code: number;
  out: string;
  err: string;
  /** What the pretend terminal showed (prompts). */
  screen: string;
}

/** Runs one `ferry` command line as electron/cli.ts does: services opened on `dataDir`, context from siteCliContext. */
async function ferry(dataDir: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const services = await openSiteServices({ dataDir, exportDir: dataDir });
  const input = new PassThrough();
  const output = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  let screen = '';
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const answers = [...(options.terminal ?? [])];
  output.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    // Type the next answer only once its question is on the screen, like a person would.
    const next = answers[0];
    if (next && next[0].test(screen)) {
      answers.shift();
      screen += '\n';
      // After the current turn: the prompt's readline is then waiting for the line.
      setImmediate(() => input.write(`${next[1]}\n`));
    }
  });
  if (options.stdin !== undefined) input.end(options.stdin);
  const context = siteCliContext(services, {
    io: { input, output, interactive: options.terminal !== undefined },
    stderr,
    env: options.env ?? {},
  });
  const lines: string[] = [];
  const code = await runCli(args, context, (text) => lines.push(text));
  return { code, out: lines.join('\n'), err, screen };
}

/** `ferry sites show SITE --json`, parsed. */
async function showJson(dataDir: string, site: string): Promise<Record<string, unknown>> {
  const result = await ferry(dataDir, ['sites', 'show', site, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as Record<string, unknown>;
}

/** The password the CLI would log in with for `reference` (read through the real services, unlocked). */
async function savedPassword(dataDir: string, reference: string, master = MASTER): Promise<string | null> {
  const services = await openSiteServices({ dataDir, exportDir: dataDir });
  if (services.secrets.isLocked()) await services.secrets.unlock(master);
  return (await services.sites.connectionForReference(reference)).plan.options.password;
}

afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('ferry sites: the tree', () => {
  it('mkdir, add, show, edit, rename, mv and rm round-trip through sites.json', async () => {
    const data = await dataFolder();
    expect((await ferry(data, ['sites', 'list'])).out).toContain('No saved sites');

    const mkdir = await ferry(data, ['sites', 'mkdir', 'Work/Clients']);
    expect(mkdir.code, mkdir.err).toBe(0);
    expect(mkdir.out).toBe('Created folder Work/Clients (and Work).');
    expect((await ferry(data, ['sites', 'mkdir', 'work/clients'])).code).toBe(1); // names compare without case

    const add = await ferry(data, [
      'sites', 'add', 'Shop', '--folder', 'Work', '--host', 'ftp.example.com', '--port', '2121', '--user', 'alice',
      '--encryption', 'explicit-if-available', '--remote-dir', '/var/www', '--local-dir', 'shop-files', '--limit', '3',
      '--charset', 'windows-1252', '--transfer-mode', 'active', '--comment', 'The shop',
    ]);
    expect(add.code, add.err).toBe(0);
    expect(add.out).toBe('Added site Work/Shop (ftp alice@ftp.example.com:2121).');
    const shop = await showJson(data, 'Work/Shop');
    expect(shop).toMatchObject({
      name: 'Shop', path: 'Work/Shop', protocol: 'ftp', encryption: 'explicit-if-available', host: 'ftp.example.com',
      port: 2121, user: 'alice', logonType: 'ask', remoteFolder: '/var/www', localFolder: path.resolve('shop-files'),
      connectionLimit: 3, charset: 'windows-1252', transferMode: 'active', comments: 'The shop', hasPassword: false,
    });
    expect((await ferry(data, ['sites', 'add', 'shop', '--folder', 'Work', '--host', 'x'])).err).toContain('already a site Work/Shop');

    // A bare name finds a site anywhere when it is the only one so called.
    const shown = await ferry(data, ['sites', 'show', 'Shop']);
    expect(shown.out).toMatch(/^Site: +Work\/Shop$/m);
    expect(shown.out).toMatch(/^Port: +2121$/m);
    const sftp = await ferry(data, ['sites', 'add', 'Deploy', '--protocol', 'sftp', '--host', '::1', '--user', 'deploy']);
    expect(sftp.out).toBe('Added site Deploy (sftp deploy@[::1]:22).');

    const list = await ferry(data, ['sites', 'list']);
    expect(list.out.split('\n')).toEqual([
      'Work/',
      '  Clients/',
      '  Shop  ftp   ftp.example.com:2121  alice   no password',
      'Deploy  sftp  [::1]:22              deploy  no password',
    ]);
    const tree = JSON.parse((await ferry(data, ['sites', 'list', '--json'])).out);
    expect(tree.children.map((node: { name: string }) => node.name)).toEqual(['Work', 'Deploy']);

    // edit changes only what is given.
    const edit = await ferry(data, ['sites', 'edit', 'Work/Shop', '--port', 'default', '--transfer-mode', 'passive']);
    expect(edit.code, edit.err).toBe(0);
    expect(edit.out).toBe('Changed site Work/Shop (ftp alice@ftp.example.com:21): port, transferMode.');
    expect(await showJson(data, 'Work/Shop')).toMatchObject({ port: null, effectivePort: 21, transferMode: 'passive', host: 'ftp.example.com', user: 'alice', comments: 'The shop' });

    expect((await ferry(data, ['sites', 'rename', 'Work/Shop', 'Store'])).out).toBe('Renamed Work/Shop to Store.');
    expect((await ferry(data, ['sites', 'show', 'Work/Shop'])).code).toBe(1);
    expect((await ferry(data, ['sites', 'mv', 'Store', 'Work/Clients'])).out).toBe('Moved Work/Store to Work/Clients/Store.');
    expect((await showJson(data, 'Store')).path).toBe('Work/Clients/Store');
    expect((await ferry(data, ['sites', 'mv', 'Store', 'Nowhere'])).err).toContain('There is no folder "Nowhere"');
    expect((await ferry(data, ['sites', 'mv', 'Deploy', 'Work/Clients/Store'])).err).toContain('is a site, not a folder');

    const refused = await ferry(data, ['sites', 'rm', 'Work']);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('ferry: Work is a folder with 1 site and 1 folder in it; use -r to delete it and everything in it.\n');
    expect((await ferry(data, ['sites', 'rm', '-r', 'Work'])).out).toBe('Deleted folder Work with 1 site and 1 folder.');
    expect((await ferry(data, ['sites', 'rm', 'Deploy'])).out).toBe('Deleted site Deploy.');
    expect(JSON.parse((await ferry(data, ['sites', 'list', '--json'])).out)).toEqual({ children: [] });
  });

  it('names with a "/" are written with "\\/", and a bare name that occurs twice must be a path', async () => {
    const data = await dataFolder();
    expect((await ferry(data, ['sites', 'add', 'A\\/B', '--host', 'h1', '--folder', 'One'])).code).toBe(0);
    expect((await ferry(data, ['sites', 'add', 'A/B', '--host', 'h2', '--folder', 'Two'])).code).toBe(0); // Two/A/B: folder A, site B
    expect((await showJson(data, 'One/A\\/B')).name).toBe('A/B');
    expect((await showJson(data, 'Two/A/B')).host).toBe('h2');
    expect((await ferry(data, ['sites', 'add', 'B', '--host', 'h3', '--folder', 'Three'])).code).toBe(0);
    const ambiguous = await ferry(data, ['sites', 'show', 'b']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toBe('ferry: Several items are called "b": Three/B, Two/A/B. Give the whole path.\n');
    expect((await showJson(data, 'Three/B')).host).toBe('h3');
  });
});

describe('ferry sites: passwords', () => {
  it('are saved under the master password, never printed, and never on disk in readable form', async () => {
    const data = await dataFolder(MASTER);
    const password = 'pässwörd-Ψ-7781';

    // Locked, no terminal, no FERRY_MASTER_PASSWORD: a clear failure, and no site half-made.
    const locked = await ferry(data, ['sites', 'add', 'Shop', '--host', 'h', '--user', 'u', '--password-stdin'], { stdin: `${password}\n` });
    expect(locked.code).toBe(1);
    expect(locked.err).toContain('FERRY_MASTER_PASSWORD');
    expect(locked.err.trim().split('\n')).toHaveLength(1);
    const wrong = await ferry(data, ['sites', 'add', 'Shop', '--host', 'h', '--user', 'u', '--password-stdin'], {
      stdin: password,
      env: { FERRY_MASTER_PASSWORD: 'not it' },
    });
    expect(wrong.err).toBe('ferry: The master password in FERRY_MASTER_PASSWORD is not correct.\n');
    expect((await ferry(data, ['sites', 'list'])).out).toContain('No saved sites');

    const added = await ferry(data, ['sites', 'add', 'Shop', '--host', 'h', '--user', 'u', '--password-stdin'], {
      stdin: `${password}\n`,
      env: { FERRY_MASTER_PASSWORD: MASTER },
    });
    expect(added.code, added.err).toBe(0);
    expect(added.out).toBe('Added site Shop (ftpes u@h:21), password saved.');
    expect(await savedPassword(data, 'Shop/')).toBe(password);

    const outputs = [
      added,
      await ferry(data, ['sites', 'list']),
      await ferry(data, ['sites', 'list', '--json']),
      await ferry(data, ['sites', 'show', 'Shop']),
      await ferry(data, ['sites', 'show', 'Shop', '--json']),
    ];
    expect(outputs[1]!.out).toContain('password saved');
    expect(outputs[3]!.out).toMatch(/^Password: +saved$/m);
    expect(JSON.parse(outputs[4]!.out)).toMatchObject({ hasPassword: true, logonType: 'normal' });
    for (const output of outputs) expect(output.out + output.err).not.toContain(password);
    // Not in sites.json, secrets.json or anything else, as text or base64.
    expect(await folderMentions(data, password)).toEqual([]);

    const cleared = await ferry(data, ['sites', 'edit', 'Shop', '--clear-password']);
    expect(cleared.out).toBe('Changed site Shop (ftpes u@h:21): password forgotten.');
    expect((await showJson(data, 'Shop')).hasPassword).toBe(false);
  });

  it('on a terminal, asks for the master password and then the new password, without echo', async () => {
    const data = await dataFolder(MASTER);
    expect((await ferry(data, ['sites', 'add', 'Anon', '--host', 'h'])).code).toBe(0);
    expect((await showJson(data, 'Anon')).logonType).toBe('anonymous');
    const edited = await ferry(data, ['sites', 'edit', 'Anon', '--user', 'bob', '--ask-password'], {
      terminal: [
        [/Master password/, 'wrong guess'],
        [/not the master password/, MASTER],
        [/Password for Anon: $/, 'typed-secret'],
      ],
    });
    expect(edited.code, edited.err).toBe(0);
    expect(edited.out).toBe('Changed site Anon (ftpes bob@h:21): user, logonType, password saved.');
    expect(edited.screen).not.toContain('typed-secret');
    expect(edited.screen).not.toContain(MASTER);
    expect(await savedPassword(data, 'Anon')).toBe('typed-secret');
  });

  it('refuses to take a password from the command line or without a way to keep it', async () => {
    const data = await dataFolder(); // no master password: the CLI cannot save passwords
    const argv = await ferry(data, ['sites', 'add', 'Shop', '--host', 'h', '--password', 'hunter2']);
    expect(argv.code).toBe(2);
    expect(argv.err).toContain('--password-stdin');
    const nowhere = await ferry(data, ['sites', 'add', 'Shop', '--host', 'h', '--user', 'u', '--password-stdin'], { stdin: 'hunter2' });
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toContain('no system keyring');
    expect((await ferry(data, ['sites', 'list'])).out).toContain('No saved sites');
    const noTerminal = await ferry(data, ['sites', 'add', 'Shop', '--host', 'h', '--ask-password'], { env: {} });
    expect(noTerminal.code).toBe(1);
  });
});

describe('ferry sites import, then site: references against vsftpd', () => {
  let server: FtpServerHandle;
  let data: string;
  let sitemanager: string;
  const env = { FERRY_MASTER_PASSWORD: MASTER };

  beforeAll(async () => {
    server = await startVsftpd();
    await writeFile(path.join(server.root, 'file.txt'), 'from a saved site\n');
    await giveToTestUser(server.root);
    data = await dataFolder(MASTER);
    sitemanager = path.join(await tempDir('ferry-cli-fz-'), 'sitemanager.xml');
    const base64 = Buffer.from(server.password, 'utf8').toString('base64');
    await writeFile(
      sitemanager,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<FileZilla3 version="3.66.4" platform="linux">
  <Servers>
    <Folder expanded="1">Test servers
      <Server>
        <Host>127.0.0.1</Host><Port>${server.port}</Port><Protocol>6</Protocol><Type>0</Type>
        <User>${server.user}</User><Pass encoding="base64">${base64}</Pass><Logontype>1</Logontype>
        <PasvMode>MODE_DEFAULT</PasvMode><EncodingType>Auto</EncodingType><Name>Local vsftpd</Name>
        <Frobnicate>1</Frobnicate>
      </Server>
      <Server>
        <Host>locked.example.com</Host><Port>21</Port><Protocol>4</Protocol><User>erin</User>
        <Pass encoding="crypt" pubkey="a2V5">bm90LWEtcmVhbA==</Pass><Logontype>1</Logontype><Name>Protected</Name>
      </Server>
    </Folder>
  </Servers>
</FileZilla3>
`,
    );
  });
  afterAll(() => server.stop());

  it('imports the folder, the base64 password and reports what it could not take', async () => {
    const imported = await ferry(data, ['sites', 'import', sitemanager], { env });
    expect(imported.code, imported.err).toBe(0);
    const lines = imported.out.split('\n');
    expect(lines[0]).toBe(`Imported 2 sites and 1 new folder from ${sitemanager}; 1 password saved.`);
    expect(imported.out).toContain("1 site will ask for the password when connecting (FileZilla's master password protected it):\n  Test servers/Protected");
    expect(imported.out).toContain('Fields Ferry does not have (not imported):\n  Test servers/Local vsftpd: The field <Frobnicate> is unknown to Ferry');
    expect(imported.out).not.toContain(server.password);
    expect(await folderMentions(data, server.password)).toEqual([]);
    expect(await showJson(data, 'Test servers/Local vsftpd')).toMatchObject({ host: '127.0.0.1', port: server.port, encryption: 'plain', hasPassword: true });
    expect((await showJson(data, 'Protected')).logonType).toBe('ask');
  });

  it('ferry ls site:Folder/Name/ lists the server with the imported password', async () => {
    const listed = await ferry(data, ['ls', 'site:Test servers/Local vsftpd/'], { env });
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(/^-.* file\.txt$/m);
    // Without the master password a script gets one clear line.
    const locked = await ferry(data, ['ls', 'site:Test servers/Local vsftpd/']);
    expect(locked.code).toBe(1);
    expect(locked.err).toContain('FERRY_MASTER_PASSWORD');
    const missing = await ferry(data, ['ls', 'site:Test servers/Nope/'], { env });
    expect(missing.err).toContain('There is no site or folder called "Nope" in "Test servers"');
  });

  it('ferry get site:Folder/Name/file.txt LOCAL downloads the file', async () => {
    const work = await tempDir('ferry-cli-get-');
    const got = await ferry(data, ['get', 'site:Test servers/Local vsftpd/file.txt', work], { env });
    expect(got.code, got.err).toBe(0);
    expect(await readFile(path.join(work, 'file.txt'), 'utf8')).toBe('from a saved site\n');
  });

  it('without a master password the site is imported and its password reported as not saved', async () => {
    const plain = await dataFolder();
    const imported = await ferry(plain, ['sites', 'import', sitemanager, '--folder', 'From FileZilla']);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('Imported 2 sites and 2 new folders'); // "From FileZilla" and "Test servers"
    expect(imported.out).toContain('0 passwords saved');
    expect(imported.out).toMatch(/From FileZilla\/Test servers\/Local vsftpd: The password was not imported\./);
    expect((await showJson(plain, 'From FileZilla/Test servers/Local vsftpd')).hasPassword).toBe(false);
  });
});

describe('ferry sites export', () => {
  it('round-trips through a Ferry file and a FileZilla file (with passwords: 0600, never overwritten by accident)', async () => {
    const source = await dataFolder(MASTER);
    const env = { FERRY_MASTER_PASSWORD: MASTER };
    const out = await tempDir('ferry-cli-export-');
    await ferry(source, ['sites', 'add', 'Shop', '--folder', 'Work/Clients', '--host', 'ftp.example.com', '--user', 'alice', '--password-stdin', '--comment', 'line 1\nline 2'], { stdin: 's3cret!', env });
    await ferry(source, ['sites', 'add', 'Deploy', '--protocol', 'sftp', '--host', 'sftp.example.com', '--user', 'deploy', '--remote-dir', '/srv/app']);
    await ferry(source, ['sites', 'mkdir', 'Empty']);
    const before = (await ferry(source, ['sites', 'list'])).out;

    const plainFile = path.join(out, 'sites.json');
    const exported = await ferry(source, ['sites', 'export', plainFile]);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toBe(`Exported 2 sites in 3 folders to ${plainFile} (Ferry format).`);
    expect(await readFile(plainFile, 'utf8')).not.toContain('s3cret!');

    const copy = await dataFolder();
    expect((await ferry(copy, ['sites', 'import', plainFile])).code).toBe(0);
    expect((await ferry(copy, ['sites', 'list'])).out).toBe(before.replace('password saved', 'no password'));
    expect(await showJson(copy, 'Shop')).toMatchObject({ comments: 'line 1\nline 2', user: 'alice' });
    expect((await showJson(copy, 'Deploy')).remoteFolder).toBe('/srv/app');

    const secretFile = path.join(out, 'sitemanager.xml');
    const withPasswords = await ferry(source, ['sites', 'export', secretFile, '--with-passwords'], { env });
    expect(withPasswords.code, withPasswords.err).toBe(0);
    expect(withPasswords.out).toContain('(FileZilla format); 1 password in plain text: keep this file private.');
    expect((await stat(secretFile)).mode & 0o777).toBe(0o600);
    const xml = await readFile(secretFile, 'utf8');
    expect(xml).toContain(Buffer.from('s3cret!').toString('base64'));

    const again = await ferry(source, ['sites', 'export', secretFile]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    expect(await readFile(secretFile, 'utf8')).toBe(xml);

    const other = await dataFolder(MASTER);
    expect((await ferry(other, ['sites', 'import', secretFile], { env })).out).toContain('1 password saved');
    expect((await ferry(other, ['sites', 'list'])).out).toBe(before);
    expect(await savedPassword(other, 'Work/Clients/Shop')).toBe('s3cret!');

    const forced = await ferry(source, ['sites', 'export', secretFile, 'Deploy', '--format', 'ferry', '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toBe(`Exported 1 site in 0 folders to ${secretFile} (Ferry format).`);
    expect((await stat(secretFile)).mode & 0o777).toBe(0o644);
    expect(await readFile(secretFile, 'utf8')).not.toContain(Buffer.from('s3cret!').toString('base64'));
  });
});

describe('ferry sites: the command line', () => {
  it('wrong usage exits 2 with the usage; failures exit 1 with one line', async () => {
    const data = await dataFolder();
    await ferry(data, ['sites', 'add', 'Shop', '--host', 'h']);
    const usage: string[][] = [
      ['sites'],
      ['sites', 'frobnicate'],
      ['sites', 'add'],
      ['sites', 'add', 'X'],
      ['sites', 'add', 'X', '--host', 'h', '--port', '99999'],
      ['sites', 'add', 'X', '--host', 'h', '--limit', '11'],
      ['sites', 'add', 'X', '--host', 'h', '--protocol', 'http'],
      ['sites', 'add', 'X', '--host', 'h', '--protocol', 'sftp', '--encryption', 'implicit'],
      ['sites', 'add', 'X', '--host', 'h', '--password-stdin', '--ask-password'],
      ['sites', 'add', 'X', '--host', 'h', '--logon', 'anonymous', '--password-stdin'],
      ['sites', 'edit', 'Shop'],
      ['sites', 'show'],
      ['sites', 'list', '--host', 'h'],
      ['sites', 'rename', 'Shop', 'Work/Shop'],
      ['sites', 'mv', 'Shop'],
      ['sites', 'export'],
      ['sites', 'export', 'f.json', '--format', 'zip'],
    ];
    for (const args of usage) {
      const result = await ferry(data, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toContain('Usage: ferry sites');
    }
    const failures: string[][] = [
      ['sites', 'show', 'Nope'],
      ['sites', 'add', 'Shop', '--host', 'other'],
      ['sites', 'add', 'X', '--host', 'has space'],
      ['sites', 'add', 'X', '--host', 'h', '--charset', 'klingon'],
      ['sites', 'add', 'X', '--host', 'h', '--key', '/no/such/key'],
      ['sites', 'import', '/no/such/file.xml'],
    ];
    for (const args of failures) {
      const result = await ferry(data, args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.err, args.join(' ')).toMatch(/^ferry: /);
    }
    expect((await ferry(data, ['sites', 'help'])).code).toBe(0);
    expect((await ferry(data, ['help'])).out).toContain('sites COMMAND');
    // Options written before "sites" still belong to it.
    expect((await ferry(data, ['--json', 'sites', 'list'])).out).toContain('"children"');
  });

  it('the built executable manages sites in FERRY_HOME and unlocks with FERRY_MASTER_PASSWORD', async () => {
    const home = await dataFolder(MASTER);
    const bundle = path.join(await tempDir('ferry-cli-bundle-'), 'cli.cjs');
    // Its own bundle, so that it never races another test file rebuilding dist/.
    await build({ absWorkingDir: root, entryPoints: ['electron/cli.ts'], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'silent' });
    const env = { ...process.env, FERRY_HOME: home, FERRY_MASTER_PASSWORD: MASTER, NODE_PATH: path.join(root, 'node_modules') };
    const run = promisify(execFile);
    const child = run(process.execPath, [bundle, 'sites', 'add', 'Box', '--host', 'box.example.com', '--user', 'me', '--password-stdin'], { env });
    child.child.stdin!.end('from-a-pipe\n');
    expect((await child).stdout).toBe('Added site Box (ftpes me@box.example.com:21), password saved.\n');
    const { stdout } = await run(process.execPath, [bundle, 'sites', 'list'], { env });
    expect(stdout).toBe('Box  ftpes  box.example.com:21  me  password saved\n');
    expect(await savedPassword(home, 'Box')).toBe('from-a-pipe');
  });

  it('master-password sets, changes and removes the master password (terminal or environment)', async () => {
    const data = await dataFolder();
    const set = await ferry(data, ['sites', 'master-password'], {
      terminal: [
        [/New master password: $/, 'first secret 1'],
        [/Repeat the new master password: $/, 'first secret 1'],
      ],
    });
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('Set the master password');
    expect(set.screen).not.toContain('first secret 1');

    const saved = await ferry(data, ['sites', 'add', 'Web', '--host', 'web.example.com', '--user', 'me', '--password-stdin'], {
      stdin: 'site pw\n',
      env: { FERRY_MASTER_PASSWORD: 'first secret 1' },
    });
    expect(saved.code, saved.err).toBe(0);

    const changed = await ferry(data, ['sites', 'master-password'], {
      env: { FERRY_MASTER_PASSWORD: 'first secret 1', FERRY_NEW_MASTER_PASSWORD: 'second secret 2' },
    });
    expect(changed.out).toContain('re-encrypted');
    expect(await savedPassword(data, 'Web', 'second secret 2')).toBe('site pw');

    const mismatch = await ferry(data, ['sites', 'master-password'], {
      terminal: [
        [/Current master password: $/, 'second secret 2'],
        [/New master password: $/, 'third secret 3'],
        [/Repeat the new master password: $/, 'typo'],
      ],
    });
    expect(mismatch.code).toBe(1);
    expect(mismatch.err).toContain('differ');
    expect(await savedPassword(data, 'Web', 'second secret 2')).toBe('site pw');

    // Without a keyring, removing it would lose the saved passwords: refused unless asked for.
    const refused = await ferry(data, ['sites', 'master-password', '--remove'], { env: { FERRY_MASTER_PASSWORD: 'second secret 2' } });
    expect(refused.code).toBe(1);
    const removed = await ferry(data, ['sites', 'master-password', '--remove', '--forget-saved-passwords'], {
      env: { FERRY_MASTER_PASSWORD: 'second secret 2' },
    });
    expect(removed.code, removed.err).toBe(0);
    expect((await ferry(data, ['sites', 'master-password'])).err).toContain('FERRY_NEW_MASTER_PASSWORD');
  });
});
