import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiError } from '../api/errors';
import { listLocalFolder } from './local-fs';
import { joinEntry, parentOf, segmentsOf } from './paths';
import { formatPermissions } from './permissions';

describe('listLocalFolder', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'ferry-local-'));
    await writeFile(path.join(folder, 'script.sh'), '#!/bin/sh\n');
    await chmod(path.join(folder, 'script.sh'), 0o755);
    await symlink(path.join(folder, 'missing'), path.join(folder, 'broken-link'));
    await symlink(path.join(folder, 'script.sh'), path.join(folder, 'file-link'));
    await mkdir(path.join(folder, 'ünïcødé 日本'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('describes files, links (also broken ones) and Unicode names', async () => {
    const listing = await listLocalFolder(folder);
    const byName = Object.fromEntries(listing.entries.map((e) => [e.name, e]));
    expect(byName['script.sh']).toMatchObject({ kind: 'file', permissions: 'rwxr-xr-x', size: 10 });
    expect(byName['broken-link']).toMatchObject({ kind: 'link', targetKind: null });
    expect(byName['file-link']).toMatchObject({ kind: 'link', targetKind: 'file', size: 10 });
    expect(byName['ünïcødé 日本']).toMatchObject({ kind: 'dir' });
  });

  it('lists 5,000 entries', async () => {
    const big = path.join(folder, 'big');
    await mkdir(big);
    await Promise.all(Array.from({ length: 5000 }, (_, i) => writeFile(path.join(big, `f${i}`), '')));
    expect((await listLocalFolder(big)).entries).toHaveLength(5000);
  });
});

describe('paths', () => {
  it('gives parents, breadcrumb segments and safe joins', () => {
    expect(parentOf('/')).toBeNull();
    expect(parentOf('/a/b')).toBe('/a');
    expect(segmentsOf('/a/b')).toEqual([
      { name: '/', path: '/' },
      { name: 'a', path: '/a' },
      { name: 'b', path: '/a/b' },
    ]);
    expect(joinEntry('/a', 'b c')).toBe('/a/b c');
    for (const bad of ['..', '.', 'x/y', 'x\0y']) expect(joinEntry('/a', bad)).toBeNull();
  });
});

describe('permissions', () => {
  it('formats like ls, special bits included', () => {
    expect(formatPermissions(0o644)).toBe('rw-r--r--');
    expect(formatPermissions(0o4755)).toBe('rwsr-xr-x');
    expect(formatPermissions(0o2644)).toBe('rw-r-Sr--');
    expect(formatPermissions(0o1777)).toBe('rwxrwxrwt');
  });
});

describe('toApiError', () => {
  it('maps Node errors to codes with a sentence and no stack', () => {
    const eacces = Object.assign(new Error("EACCES: permission denied, scandir '/root'"), { code: 'EACCES', path: '/root' });
    expect(toApiError(eacces)).toEqual({ code: 'EACCES', message: 'Permission denied: /root' });
    expect(toApiError(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toEqual({ code: 'ENOSPC', message: 'The disk is full.' });
    const internal = toApiError(new TypeError('boom'));
    expect(internal.code).toBe('INTERNAL');
    expect(JSON.stringify(internal)).not.toContain('at ');
  });
});
