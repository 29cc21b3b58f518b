import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { makeTempFolder, removeTempFolders } from '../test-support/temp-folders';
import { removeStaleTemporaryFiles, writeFileAtomic } from './atomic-file';

afterEach(() => vi.restoreAllMocks());
afterAll(removeTempFolders);

describe('writeFileAtomic', () => {
  it('writes the file owner-only (0600), creating the folder', async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'deeper', 'sites.json');
    await writeFileAtomic(file, '{"a":1}');
    expect(await fs.readFile(file, 'utf8')).toBe('{"a":1}');
    if (process.platform !== 'win32') expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(file))).toEqual(['sites.json']);
  });

  it('replaces an existing file completely', async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'f.json');
    await fs.writeFile(file, 'x'.repeat(10_000));
    await writeFileAtomic(file, 'short');
    expect(await fs.readFile(file, 'utf8')).toBe('short');
  });

  it('leaves the old file and no temporary file when the write fails', async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'f.json');
    await fs.writeFile(file, 'old content');
    vi.spyOn(fs, 'rename').mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    await expect(writeFileAtomic(file, 'new content')).rejects.toThrow('disk full');
    expect(await fs.readFile(file, 'utf8')).toBe('old content');
    expect(await fs.readdir(folder)).toEqual(['f.json']);
  });

  it('keeps the old file when the process is killed mid-write', async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'sites.json');
    await fs.writeFile(file, 'old content');
    const bundle = path.join(folder, 'crash-writer.cjs');
    await build({
      entryPoints: [path.join(__dirname, '..', 'test-support', 'crash-writer.child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    const child = spawn(process.execPath, [bundle, file, 'new content'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('READY')) resolve();
      });
      child.once('exit', () => reject(new Error(`the writer exited before it was ready: ${output}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(await fs.readFile(file, 'utf8')).toBe('old content');
    const leftovers = (await fs.readdir(folder)).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1); // the crash really happened with the new content written beside
    expect(await fs.readFile(path.join(folder, leftovers[0]!), 'utf8')).toBe('new content');

    await removeStaleTemporaryFiles(file);
    expect((await fs.readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await fs.readFile(file, 'utf8')).toBe('old content');
  });
});

describe('removeStaleTemporaryFiles', () => {
  it("removes a dead writer's leftovers but not those of a running process or of other files", async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'sites.json');
    const dead = path.join(folder, 'sites.json.999999999-abcdef.tmp');
    const alive = path.join(folder, `sites.json.${process.ppid}-abcdef.tmp`);
    const other = path.join(folder, 'trust.json.999999999-abcdef.tmp');
    for (const name of [dead, alive, other]) await fs.writeFile(name, 'x');
    await removeStaleTemporaryFiles(file);
    const left = await fs.readdir(folder);
    expect(left).not.toContain(path.basename(dead));
    expect(left).toContain(path.basename(alive));
    expect(left).toContain(path.basename(other));
  });
});
