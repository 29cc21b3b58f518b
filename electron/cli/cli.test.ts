/**
 * The `ferry` command line against a real vsftpd: every subcommand once, the
 * untrusted-certificate path, and the built executable itself.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTrustStore } from '../protocol/trust-store';
import { giveToTestUser, startVsftpd, type FtpServerHandle } from '../../testkit/servers';
import { runCli } from './main';
import type { CliContext } from './connect';

const root = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

function context(trustStore = new MemoryTrustStore()): CliContext & { errors: () => string } {
  const stderr = new PassThrough();
  let errors = '';
  stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return {
    io: { input: new PassThrough(), output: new PassThrough(), interactive: false },
    stderr,
    env: {},
    trustStore,
    resolveSite: async () => {
      throw new Error('no sites in this test');
    },
    errors: () => errors,
  };
}

/** Runs `body` with a fresh local folder, removed afterwards whatever happens. */
async function inWorkFolder(body: (work: string) => Promise<void>): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'ferry-cli-work-'));
  try {
    await body(work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function ferry(args: string[], ctx = context()): Promise<{ code: number; out: string; err: string }> {
  const lines: string[] = [];
  const code = await runCli(args, ctx, (text) => lines.push(text));
  return { code, out: lines.join('\n'), err: ctx.errors() };
}

describe('ferry against vsftpd (plain FTP)', () => {
  let server: FtpServerHandle;
  let url: string;
  beforeAll(async () => {
    server = await startVsftpd();
    url = `ftp://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}`;
    await mkdir(path.join(server.root, 'docs'));
    await writeFile(path.join(server.root, 'docs', 'readme.txt'), 'hello');
    await writeFile(path.join(server.root, '.hidden'), '');
    await giveToTestUser(server.root);
  });
  afterAll(() => server.stop());

  it('ls prints a long listing, -a shows hidden files, --json is machine-readable', async () => {
    const plain = await ferry(['ls', `${url}/`, '--plain']);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/^d.* docs$/m);
    expect(plain.out).not.toContain('.hidden');
    expect((await ferry(['ls', `${url}/`, '--plain', '-a'])).out).toContain('.hidden');
    const json = JSON.parse((await ferry(['ls', `${url}/docs/`, '--plain', '--json'])).out);
    expect(json).toEqual([expect.objectContaining({ name: 'readme.txt', kind: 'file', size: 5 })]);
  });

  it('ftp:// without --plain warns that the server refused TLS and still works', async () => {
    const result = await ferry(['ls', `${url}/docs/`]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/warning: .*TLS/i);
  });

  it('mkdir -p, mv and rm -r change the server', async () => {
    expect((await ferry(['mkdir', `${url}/a/b/c`, '-p', '--plain'])).code).toBe(0);
    expect((await stat(path.join(server.root, 'a', 'b', 'c'))).isDirectory()).toBe(true);
    expect((await ferry(['mv', `${url}/a/b`, 'renamed', '--plain'])).code).toBe(0);
    expect((await stat(path.join(server.root, 'a', 'renamed', 'c'))).isDirectory()).toBe(true);
    const refused = await ferry(['rm', `${url}/a`, '--plain']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('use -r');
    expect((await ferry(['rm', `${url}/a`, '-r', '--plain'])).code).toBe(0);
    await expect(stat(path.join(server.root, 'a'))).rejects.toThrow();
  });

  it('quote sends a raw command and prints the reply', async () => {
    const result = await ferry(['quote', `${url}/`, 'SYST', '--plain']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^215 /);
  });

  it('a wrong password fails with one clear line and exit code 1', async () => {
    const result = await ferry(['ls', `ftp://${server.user}:wrong@127.0.0.1:${server.port}/`, '--plain']);
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/login|password/i);
  });

  it('--version and -V print the version from package.json', async () => {
    const { version } = JSON.parse(await readFile(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await ferry([flag]);
      expect(result.code).toBe(0);
      expect(result.out.trim()).toBe(`ferry ${version}`);
    }
  });

  it('a wrong command line exits 2 with the usage', async () => {
    const result = await ferry(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: ferry');
    expect((await ferry(['ls'])).code).toBe(2);
    expect((await ferry(['ls', 'http://x/'])).code).toBe(1);
  });

  it('get downloads a file and put uploads one, byte for byte', async () => {
    await inWorkFolder(async (work) => {
      const get = await ferry(['get', `${url}/docs/readme.txt`, work, '--plain', '-v']);
      expect(get.code).toBe(0);
      expect(get.out).toContain('Downloaded 1 file');
      // The connection that looked at the file also carries it: one login, not two.
      expect(get.err.match(/Connecting to /g)).toHaveLength(1);
      // And what it saw is not asked again: one listing of the folder, no SIZE.
      expect(get.err.match(/^LIST/gm)).toHaveLength(1);
      expect(get.err).not.toMatch(/^SIZE/m);
      expect(await readFile(path.join(work, 'readme.txt'), 'utf8')).toBe('hello');
      expect((await readdir(work)).filter((n) => n.includes('ferry-part'))).toEqual([]);

      const payload = randomBytes(300_000);
      await writeFile(path.join(work, 'upload.bin'), payload);
      const put = await ferry(['put', path.join(work, 'upload.bin'), `${url}/docs/`, '--plain']);
      expect(put.code, put.err).toBe(0);
      expect(await readFile(path.join(server.root, 'docs', 'upload.bin'))).toEqual(payload);
      // To a name the plan found free: the folder is listed once, not again for the conflict check.
      const named = await ferry(['put', path.join(work, 'upload.bin'), `${url}/docs/renamed.bin`, '--plain', '-v']);
      expect(named.code, named.err).toBe(0);
      expect(named.err.match(/^LIST/gm)).toHaveLength(1);
      expect(await readFile(path.join(server.root, 'docs', 'renamed.bin'))).toEqual(payload);
      // That name is taken now: the next put (another file's bytes) finds it and refuses without --on-conflict.
      await writeFile(path.join(work, 'other.bin'), randomBytes(1000));
      const again = await ferry(['put', path.join(work, 'other.bin'), `${url}/docs/renamed.bin`, '--plain']);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/already exists/);
    });
  });

  it('get of an existing file without a terminal refuses to overwrite unless --on-conflict says so', async () => {
    await inWorkFolder(async (work) => {
      await writeFile(path.join(work, 'readme.txt'), 'my local edits');
      const refused = await ferry(['get', `${url}/docs/readme.txt`, work, '--plain']);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('--on-conflict');
      expect(await readFile(path.join(work, 'readme.txt'), 'utf8')).toBe('my local edits');
      const overwritten = await ferry(['get', `${url}/docs/readme.txt`, work, '--plain', '--on-conflict', 'overwrite']);
      expect(overwritten.code).toBe(0);
      expect(await readFile(path.join(work, 'readme.txt'), 'utf8')).toBe('hello');
      // An identical file (same size and time) is skipped; a different one is kept beside the new one.
      const identical = await ferry(['get', `${url}/docs/readme.txt`, work, '--plain', '--on-conflict', 'rename']);
      expect(identical.out).toContain('1 skipped');
      await writeFile(path.join(work, 'readme.txt'), 'edited again');
      const kept = await ferry(['get', `${url}/docs/readme.txt`, work, '--plain', '--on-conflict', 'rename']);
      expect(kept.code).toBe(0);
      expect((await readdir(work)).sort()).toEqual(['readme (1).txt', 'readme.txt']);
    });
  });

  it('get -r and put -r move a tree with nested folders and UTF-8 names in parallel', async () => {
    await inWorkFolder(async (work) => {
      const tree = path.join(work, 'tree');
      await mkdir(path.join(tree, 'ü 日本', 'deep'), { recursive: true });
      for (let i = 0; i < 20; i++) await writeFile(path.join(tree, `f${i}.txt`), `file ${i}`);
      await writeFile(path.join(tree, 'ü 日本', 'deep', 'inner.bin'), randomBytes(50_000));
      const put = await ferry(['put', '-r', tree, `${url}/`, '--plain', '--parallel', '3']);
      expect(put.code, put.err).toBe(0);
      expect(put.out).toContain('Uploaded 21 files');
      expect(put.out).toContain('3 folders');
      const back = path.join(work, 'back');
      const get = await ferry(['get', '-r', `${url}/tree`, back, '--plain']);
      expect(get.code, get.err).toBe(0);
      expect(await readFile(path.join(back, 'ü 日本', 'deep', 'inner.bin'))).toEqual(await readFile(path.join(tree, 'ü 日本', 'deep', 'inner.bin')));
      expect((await readdir(back)).length).toBe(21);
      const notRecursive = await ferry(['get', `${url}/tree`, back, '--plain']);
      expect(notRecursive.code).toBe(1);
      expect(notRecursive.err).toContain('get -r');
    });
  });

  it('put and put -r into a folder that is not there yet make it, with its parents', async () => {
    await inWorkFolder(async (work) => {
      const tree = path.join(work, 'tree');
      await mkdir(path.join(tree, 'inner'), { recursive: true });
      await writeFile(path.join(tree, 'inner', 'a.txt'), 'in a new place');
      await writeFile(path.join(work, 'one.txt'), 'one file');
      const folder = await ferry(['put', '-r', tree, `${url}/new/place/`, '--plain']);
      expect(folder.code, folder.err).toBe(0);
      expect(await readFile(path.join(server.root, 'new', 'place', 'tree', 'inner', 'a.txt'), 'utf8')).toBe('in a new place');
      const file = await ferry(['put', path.join(work, 'one.txt'), `${url}/other/spot/`, '--plain']);
      expect(file.code, file.err).toBe(0);
      expect(await readFile(path.join(server.root, 'other', 'spot', 'one.txt'), 'utf8')).toBe('one file');
    });
  });

  it('put -r makes the folders of a new tree without listing each one first', async () => {
    await inWorkFolder(async (work) => {
      const tree = path.join(work, 'deep');
      await mkdir(path.join(tree, 'a', 'b', 'c'), { recursive: true });
      await mkdir(path.join(tree, 'a', 'd'));
      await writeFile(path.join(tree, 'a', 'b', 'c', 'leaf.txt'), 'leaf');
      await writeFile(path.join(tree, 'a', 'd', 'side.txt'), 'side');
      const put = await ferry(['put', '-r', tree, `${url}/`, '--plain', '-v', '--parallel', '1']);
      expect(put.code, put.err).toBe(0);
      expect(await readFile(path.join(server.root, 'deep', 'a', 'b', 'c', 'leaf.txt'), 'utf8')).toBe('leaf');
      expect(await readFile(path.join(server.root, 'deep', 'a', 'd', 'side.txt'), 'utf8')).toBe('side');
      // Only looks at where the tree goes (the target folder, the tree's own name there); a, b, c
      // and d are inside a folder just made, so they are made without a listing each (was 5 LISTs).
      expect(put.err.match(/^LIST/gm)!.length).toBeLessThanOrEqual(2);
      expect(put.err.match(/^MKD /gm)).toHaveLength(5);
    });
  });

  it('the built executable lists the server (npx ferry ls ftp://user:pass@127.0.0.1:PORT/)', async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--main'], { cwd: root });
    const { stdout } = await run(process.execPath, [path.join(root, 'bin', 'ferry.cjs'), 'ls', `${url}/docs/`, '--plain'], {
      cwd: root,
      env: { ...process.env, FERRY_HOME: path.join(server.root, '..', 'ferry-cli-home') },
    });
    expect(stdout).toMatch(/readme\.txt/);
  });
});

describe('ferry and an untrusted certificate', () => {
  let server: FtpServerHandle;
  beforeAll(async () => {
    server = await startVsftpd({ tls: 'explicit' });
    await writeFile(path.join(server.root, 'tls.txt'), 'secure');
    await chmod(path.join(server.root, 'tls.txt'), 0o644);
  });
  afterAll(() => server.stop());

  it('fails without a terminal, naming the fingerprint and the flag that accepts it', async () => {
    const result = await ferry(['ls', `ftpes://${server.user}:${server.password}@127.0.0.1:${server.port}/`]);
    expect(result.code).toBe(1);
    const fingerprint = server.certificate!.fingerprint256;
    expect(result.err).toContain(`--trust SHA256:${fingerprint}`);
  });

  it('--trust with that fingerprint connects and lists over TLS', async () => {
    const fingerprint = server.certificate!.fingerprint256;
    const result = await ferry(['ls', `ftpes://${server.user}:${server.password}@127.0.0.1:${server.port}/`, '--trust', `SHA256:${fingerprint}`]);
    expect(result.err).not.toContain('ferry:');
    expect(result.code).toBe(0);
    expect(result.out).toContain('tls.txt');
  });

  it('--trust with another fingerprint is still refused', async () => {
    const result = await ferry(['ls', `ftpes://${server.user}:${server.password}@127.0.0.1:${server.port}/`, '--trust', 'SHA256:00:11:22']);
    expect(result.code).toBe(1);
  });
});

