import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { localMethods } from '../../shared/contract/local';
import { localHandlers } from '../api/handlers/local';
import { createFolder, removeEntries, renameEntry } from './local-operations';

const isRoot = process.getuid?.() === 0;
if (isRoot) {
  // Root ignores file permissions, so a refused delete cannot be provoked: that one test is skipped.
  console.log('local-operations.test.ts: skipping the permission-denied delete test because it runs as root (root ignores permissions)');
}
let base: string;
let folder: string;
let counter = 0;

beforeEach(async () => {
  base ??= await mkdtemp(path.join(os.tmpdir(), 'ferry-local-ops-'));
  folder = path.join(base, `case-${counter++}`);
  await mkdir(folder);
});
afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('createFolder', () => {
  it('creates a folder and returns its path', async () => {
    const created = await createFolder(folder, 'new folder ü');
    expect(created).toBe(path.join(folder, 'new folder ü'));
    expect((await lstat(created)).isDirectory()).toBe(true);
  });

  it('refuses an existing name instead of succeeding silently', async () => {
    await writeFile(path.join(folder, 'taken'), 'x');
    await expect(createFolder(folder, 'taken')).rejects.toMatchObject({ code: 'EEXIST', message: expect.stringContaining('already exists') });
  });

  it('refuses names that are not a single component, and relative parents', async () => {
    for (const bad of ['..', '.', 'a/b', '../escape', 'nul\0byte', '   ', 'x'.repeat(256)]) {
      await expect(createFolder(folder, bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(createFolder('relative/folder', 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await readdir(folder)).toEqual([]);
    expect(await readdir(base)).not.toContain('escape');
  });

  it('fails clearly when the parent is missing or is a file', async () => {
    await writeFile(path.join(folder, 'file'), '');
    await expect(createFolder(path.join(folder, 'missing'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(createFolder(path.join(folder, 'file'), 'x')).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('renameEntry', () => {
  it('renames a file and a folder within their folder', async () => {
    await writeFile(path.join(folder, 'a.txt'), 'content');
    await mkdir(path.join(folder, 'dir'));
    expect(await renameEntry(path.join(folder, 'a.txt'), 'b.txt')).toBe(path.join(folder, 'b.txt'));
    expect(await readFile(path.join(folder, 'b.txt'), 'utf8')).toBe('content');
    await renameEntry(path.join(folder, 'dir'), 'renamed dir');
    expect((await readdir(folder)).sort()).toEqual(['b.txt', 'renamed dir']);
  });

  it('never replaces an existing entry (rename(2) would, losing data)', async () => {
    await writeFile(path.join(folder, 'keep.txt'), 'precious');
    await writeFile(path.join(folder, 'other.txt'), 'other');
    await expect(renameEntry(path.join(folder, 'other.txt'), 'keep.txt')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path.join(folder, 'keep.txt'), 'utf8')).toBe('precious');
    expect(await readFile(path.join(folder, 'other.txt'), 'utf8')).toBe('other');
  });

  it('treats the same name as a no-op and rejects names that leave the folder', async () => {
    await writeFile(path.join(folder, 'same'), '');
    expect(await renameEntry(path.join(folder, 'same'), 'same')).toBe(path.join(folder, 'same'));
    for (const bad of ['../same', 'x/y', '..', '']) {
      await expect(renameEntry(path.join(folder, 'same'), bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(renameEntry('/', 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(renameEntry(path.join(folder, 'missing'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('renames a link, not its target', async () => {
    await writeFile(path.join(folder, 'target'), 't');
    await symlink(path.join(folder, 'target'), path.join(folder, 'link'));
    await renameEntry(path.join(folder, 'link'), 'link2');
    expect((await lstat(path.join(folder, 'link2'))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(folder, 'target'), 'utf8')).toBe('t');
  });
});

describe('removeEntries', () => {
  it('deletes files, folders with their contents, and links without following them', async () => {
    const outside = path.join(folder, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'keep.txt'), 'keep');
    await writeFile(path.join(folder, 'file.txt'), 'x');
    await mkdir(path.join(folder, 'tree', 'deep', 'deeper'), { recursive: true });
    await writeFile(path.join(folder, 'tree', 'deep', 'deeper', 'f'), 'x');
    // A link inside a deleted folder, and a link deleted directly: both point at `outside`.
    await symlink(outside, path.join(folder, 'tree', 'link-inside'));
    await symlink(outside, path.join(folder, 'folder-link'));

    const result = await removeEntries(['file.txt', 'tree', 'folder-link'].map((n) => path.join(folder, n)));
    expect(result).toEqual({ removed: 3, failed: [] });
    expect((await readdir(folder)).sort()).toEqual(['outside']);
    expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('reports each failure and still deletes the rest', async () => {
    await writeFile(path.join(folder, 'ok.txt'), '');
    const result = await removeEntries([path.join(folder, 'missing.txt'), path.join(folder, 'ok.txt'), '/', 'relative.txt']);
    expect(result.removed).toBe(1);
    expect(result.failed.map((f) => f.path)).toEqual([path.join(folder, 'missing.txt'), '/', 'relative.txt']);
    expect(result.failed[0]!.message).toContain('No such file or folder');
    expect(result.failed[1]!.message).toContain('root');
    expect(await readdir(folder)).toEqual([]);
  });

  it.skipIf(isRoot)('reports a folder it has no permission to empty', async () => {
    const locked = path.join(folder, 'locked');
    await mkdir(locked);
    await writeFile(path.join(locked, 'inside'), '');
    await chmod(locked, 0o500);
    try {
      const result = await removeEntries([locked]);
      expect(result.removed).toBe(0);
      expect(result.failed[0]!.message).toMatch(/Permission denied|not permitted/);
    } finally {
      await chmod(locked, 0o755);
    }
  });
});

describe('the local.* contract and handlers', () => {
  it('rejects bad names and paths before any handler runs', () => {
    const mkdirInput = localMethods['local.mkdir'].input;
    expect(mkdirInput.safeParse({ parent: '/tmp', name: 'ok' }).success).toBe(true);
    for (const name of ['', '.', '..', 'a/b', 'a\0b', 'x'.repeat(256)]) {
      expect(mkdirInput.safeParse({ parent: '/tmp', name }).success).toBe(false);
    }
    expect(localMethods['local.remove'].input.safeParse({ paths: [] }).success).toBe(false);
    expect(localMethods['local.remove'].input.safeParse({ paths: ['/a\0b'] }).success).toBe(false);
    expect(localMethods['local.rename'].input.safeParse({ path: '/a', name: 'b', extra: 1 }).success).toBe(false);
  });

  it('creates, renames and deletes through the handlers', async () => {
    const handlers = localHandlers();
    const context = { transport: 'memory' } as const;
    const { path: created } = await handlers['local.mkdir']({ parent: folder, name: 'made' }, context);
    const { path: renamed } = await handlers['local.rename']({ path: created, name: 'moved' }, context);
    expect(renamed).toBe(path.join(folder, 'moved'));
    expect(await handlers['local.remove']({ paths: [renamed] }, context)).toEqual({ removed: 1, failed: [] });
    expect(await readdir(folder)).toEqual([]);
  });
});
