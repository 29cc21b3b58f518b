/**
 * Folder operations over SFTP against a real sshd. The server's root folder is a local
 * temp dir, so every effect is checked on disk, not through the code under test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/contract/app';
import { startSshd, type SshdHandle } from '../../../testkit/servers';
import type { RemoteFs } from '../remote-fs';
import { connectTo, rejectionOf } from './test-support';

let server: SshdHandle;
let remote: RemoteFs;
let log: LogLine[];
let owner: { uid: number; gid: number };
let base: string;
let caseNumber = 0;

beforeAll(async () => {
  server = await startSshd();
  const stats = fs.statSync(server.root);
  owner = { uid: stats.uid, gid: stats.gid };
  ({ fs: remote, log } = await connectTo(server));
});
afterAll(async () => {
  await remote?.close();
  await server?.stop();
});
beforeEach(() => {
  // Each test gets its own folder, owned by the test user like anything it would create.
  base = path.join(server.root, `case-${++caseNumber}`);
  fs.mkdirSync(base);
  fs.chownSync(base, owner.uid, owner.gid);
});

/** Creates local fixtures as the test user (the tests run as root). */
function makeFile(relative: string, content: string | Buffer = 'x'): string {
  const file = path.join(base, relative);
  fs.writeFileSync(file, content);
  fs.lchownSync(file, owner.uid, owner.gid);
  return file;
}
function makeDir(relative: string): string {
  const dir = path.join(base, relative);
  fs.mkdirSync(dir, { recursive: true });
  // Every component, not just the last: mkdir -p made them all as root.
  for (let at = dir; at !== base; at = path.dirname(at)) fs.chownSync(at, owner.uid, owner.gid);
  return dir;
}
function makeLink(target: string, relative: string): string {
  const link = path.join(base, relative);
  fs.symlinkSync(target, link);
  fs.lchownSync(link, owner.uid, owner.gid);
  return link;
}

describe('listing', () => {
  it('lists files and folders with their attributes', async () => {
    makeFile('a.txt', 'hello');
    makeDir('sub');
    fs.chmodSync(path.join(base, 'a.txt'), 0o640);
    fs.utimesSync(path.join(base, 'a.txt'), new Date('2021-03-04T05:06:07Z'), new Date('2020-01-02T03:04:05Z'));
    const entries = await remote.list(base);
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(['a.txt', 'sub']);
    expect(byName.get('a.txt')).toMatchObject({
      kind: 'file',
      size: 5,
      mtime: Date.parse('2020-01-02T03:04:05Z'),
      mtimePrecision: 'second',
      permissions: 'rw-r-----',
      mode: 0o640,
      owner: server.user,
    });
    expect(byName.get('sub')?.kind).toBe('dir');
  });

  it('resolves symlinks to a file, to a folder, and reports a broken one', async () => {
    makeFile('target.bin', 'data');
    makeDir('target-dir');
    makeLink('target.bin', 'to-file');
    makeLink(path.join(base, 'target-dir'), 'to-dir');
    makeLink('nowhere', 'broken');
    const byName = new Map((await remote.list(base)).map((e) => [e.name, e]));
    expect(byName.get('to-file')).toMatchObject({ kind: 'link', linkTarget: 'target.bin', targetKind: 'file' });
    expect(byName.get('to-dir')).toMatchObject({ kind: 'link', linkTarget: path.join(base, 'target-dir'), targetKind: 'dir' });
    expect(byName.get('broken')).toMatchObject({ kind: 'link', linkTarget: 'nowhere', targetKind: null });
  });

  it('keeps UTF-8 names and spaces exactly', async () => {
    const names = ['ü.txt', '日本語', ' leading and trailing ', 'tab\tless? no: spaces only'.replace('\t', ' ')];
    for (const name of names) makeFile(name);
    const listed = (await remote.list(base)).map((e) => e.name).sort();
    expect(listed).toEqual([...names].sort());
  });

  it('skips names that are not one path component, with a warning in the log', async () => {
    makeFile('good');
    makeFile('bad\nname');
    makeFile('back\\slash');
    const before = log.length;
    const listed = (await remote.list(base)).map((e) => e.name);
    expect(listed).toEqual(['good']);
    const warnings = log.slice(before).filter((line) => line.level === 'warning').map((line) => line.text);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/bad\\nname|bad\\x0aname/);
  });

  it('lists a large folder completely (several READDIR rounds)', async () => {
    const dir = makeDir('many');
    for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(dir, `f${i}`), '');
    const listed = await remote.list(dir);
    expect(listed).toHaveLength(1500);
  });

  it('reports a missing folder as NOT_FOUND', async () => {
    const error = await rejectionOf(remote.list(path.join(base, 'missing')));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(path.join(base, 'missing'));
  });
});

describe('stat, cd, pwd', () => {
  it('stats a file, a folder, a link, and returns null for nothing', async () => {
    makeFile('f', '12345');
    makeLink('f', 'l');
    expect(await remote.stat(path.join(base, 'f'))).toMatchObject({ name: 'f', kind: 'file', size: 5 });
    expect(await remote.stat(base)).toMatchObject({ name: path.basename(base), kind: 'dir' });
    expect(await remote.stat(path.join(base, 'l'))).toMatchObject({ kind: 'link', linkTarget: 'f', targetKind: 'file' });
    expect(await remote.stat(path.join(base, 'nothing'))).toBeNull();
    expect(await remote.stat('/')).toMatchObject({ name: '/', kind: 'dir' });
  });

  it('tracks the current folder client-side; relative paths start there', async () => {
    makeDir('one/two');
    makeFile('one/two/file', 'abc');
    const home = await remote.pwd();
    try {
      expect(await remote.cd(base)).toBe(base);
      expect(await remote.cd('one/two')).toBe(path.join(base, 'one/two'));
      expect(await remote.pwd()).toBe(path.join(base, 'one/two'));
      expect((await remote.list('.')).map((e) => e.name)).toEqual(['file']);
      expect(await remote.cd('..')).toBe(path.join(base, 'one'));
      expect((await remote.stat('two/file'))?.size).toBe(3);
      expect((await rejectionOf(remote.cd('two/file'))).code).toBe('ENOTDIR');
      expect((await rejectionOf(remote.cd('missing'))).code).toBe('NOT_FOUND');
      expect(await remote.pwd()).toBe(path.join(base, 'one'));
    } finally {
      await remote.cd(home);
    }
  });
});

describe('changes', () => {
  it('creates folders with and without parents', async () => {
    await remote.mkdir(path.join(base, 'single'));
    expect(fs.statSync(path.join(base, 'single')).isDirectory()).toBe(true);
    await remote.mkdir(path.join(base, 'a/b/c'), { parents: true });
    expect(fs.statSync(path.join(base, 'a/b/c')).isDirectory()).toBe(true);
    await remote.mkdir(path.join(base, 'a/b'), { parents: true }); // exists: fine with parents
    expect((await rejectionOf(remote.mkdir(path.join(base, 'single')))).code).toBe('EEXIST');
    expect((await rejectionOf(remote.mkdir(path.join(base, 'x/y')))).code).toBe('NOT_FOUND');
    makeFile('plain');
    expect((await rejectionOf(remote.mkdir(path.join(base, 'plain/sub'), { parents: true }))).code).toBe('EEXIST');
  });

  it('deletes files; a missing one is NOT_FOUND', async () => {
    makeFile('gone');
    await remote.removeFile(path.join(base, 'gone'));
    expect(fs.existsSync(path.join(base, 'gone'))).toBe(false);
    expect((await rejectionOf(remote.removeFile(path.join(base, 'gone')))).code).toBe('NOT_FOUND');
  });

  it('deletes folders: refuses a non-empty one unless recursive, never follows links out', async () => {
    makeDir('tree/inner/deeper');
    makeFile('tree/inner/deeper/file');
    makeFile('tree/top');
    const outside = makeDir('outside');
    makeFile('outside/precious', 'keep me');
    makeLink(outside, 'tree/link-to-outside');
    makeLink(path.join(outside, 'precious'), 'tree/inner/link-to-file');

    const refused = await rejectionOf(remote.removeDir(path.join(base, 'tree')));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/not empty/);
    expect(fs.existsSync(path.join(base, 'tree/top'))).toBe(true);

    await remote.removeDir(path.join(base, 'tree'), { recursive: true });
    expect(fs.existsSync(path.join(base, 'tree'))).toBe(false);
    expect(fs.readFileSync(path.join(outside, 'precious'), 'utf8')).toBe('keep me');

    makeDir('empty');
    await remote.removeDir(path.join(base, 'empty'));
    expect(fs.existsSync(path.join(base, 'empty'))).toBe(false);
    expect((await rejectionOf(remote.removeDir('/'))).code).toBe('INVALID_INPUT');
  });

  it('renames and moves, replacing an existing target', async () => {
    makeFile('old', 'new content');
    makeFile('existing', 'old content');
    makeDir('dest');
    await remote.rename(path.join(base, 'old'), path.join(base, 'existing'));
    expect(fs.readFileSync(path.join(base, 'existing'), 'utf8')).toBe('new content');
    expect(fs.existsSync(path.join(base, 'old'))).toBe(false);
    await remote.rename(path.join(base, 'existing'), path.join(base, 'dest/moved ü'));
    expect(fs.readFileSync(path.join(base, 'dest/moved ü'), 'utf8')).toBe('new content');
    expect((await rejectionOf(remote.rename(path.join(base, 'nope'), path.join(base, 'x')))).code).toBe('NOT_FOUND');
  });

  it('changes permissions', async () => {
    makeFile('script.sh');
    await remote.chmod(path.join(base, 'script.sh'), 0o751);
    expect(fs.statSync(path.join(base, 'script.sh')).mode & 0o7777).toBe(0o751);
    expect((await rejectionOf(remote.chmod(path.join(base, 'script.sh'), 0o17777))).code).toBe('INVALID_INPUT');
  });

  it('sets the modification time and keeps the access time', async () => {
    const file = makeFile('dated');
    const atime = new Date('2019-05-06T07:08:09Z');
    fs.utimesSync(file, atime, new Date());
    await remote.setModifiedTime(file, new Date('2001-02-03T04:05:06.789Z'));
    const stats = fs.statSync(file);
    expect(stats.mtime.toISOString()).toBe('2001-02-03T04:05:06.000Z');
    expect(stats.atime.toISOString()).toBe(atime.toISOString());
  });

  it('reports PERMISSION_DENIED from the server', async () => {
    const locked = path.join(base, 'locked');
    fs.mkdirSync(locked, { mode: 0o755 }); // owned by root: the test user may not write here
    const error = await rejectionOf(remote.mkdir(path.join(locked, 'sub')));
    expect(error.code).toBe('PERMISSION_DENIED');
    const write = await rejectionOf(remote.openWrite(path.join(locked, 'file')));
    expect(write.code).toBe('PERMISSION_DENIED');
  });

  it('has no server-side hash and no raw commands', async () => {
    expect(await remote.hash(path.join(base))).toBeNull();
    expect(remote.canHash?.()).toBe(false); // so a download hands its connection back before its fsync
    expect((await rejectionOf(remote.raw('NOOP'))).code).toBe('UNSUPPORTED');
  });
});
