/**
 * Upload folders against a scripted server: a folder that was assumed free (its parent was
 * just made) but taken meanwhile by another client is looked at and merged, not failed.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import type { RemoteEntry } from '../../shared/types/remote';
import type { RemoteFs } from '../protocol/remote-fs';
import { expandUploadFolder, type ChildSpec, type FolderJob } from './folder-walker';
import type { ItemRecord } from './model';
import { testItem } from './testing/fixtures';

let work: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-walker-'));
  await mkdir(path.join(work, 'pics'));
  await writeFile(path.join(work, 'pics', 'a.jpg'), 'new a');
  await writeFile(path.join(work, 'pics', 'b.jpg'), 'new b');
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function folderItem(): ItemRecord {
  return testItem({ id: 7, parentId: 3, kind: 'dir', direction: 'upload', localPath: path.join(work, 'pics'), remotePath: '/new/pics', root: work });
}

/** A server where another client made /new/pics (holding a.jpg) just before Ferry's MKD. */
function serverWithTakenName(calls: string[]): RemoteFs {
  const taken: RemoteEntry = { name: 'pics', kind: 'dir', size: null, mtime: null, mtimePrecision: null } as RemoteEntry;
  const inside: RemoteEntry = { name: 'a.jpg', kind: 'file', size: 9, mtime: 1000, mtimePrecision: 'second' } as RemoteEntry;
  return {
    async mkdir(target: string) {
      calls.push(`mkdir ${target}`);
      throw new FerryError('EEXIST', `Could not create the folder ${target}: it exists.`);
    },
    async stat(target: string) {
      calls.push(`stat ${target}`);
      return target === '/new/pics' ? taken : null;
    },
    async list(target: string) {
      calls.push(`list ${target}`);
      return target === '/new/pics' ? [inside] : [];
    },
  } as unknown as RemoteFs;
}

function jobFor(connection: RemoteFs, targetKnownAbsent: boolean, children: ChildSpec[]): FolderJob {
  return {
    item: folderItem(),
    connection,
    signal: new AbortController().signal,
    alreadyQueued: new Set(),
    addChildren: (added) => children.push(...added),
    decide: () => ({ action: 'ask' }),
    targetKnownAbsent,
  };
}

describe('upload folders', () => {
  it('a folder assumed free is made without a look; if the name was taken meanwhile, it is looked at and merged', async () => {
    const calls: string[] = [];
    const children: ChildSpec[] = [];
    await expandUploadFolder(jobFor(serverWithTakenName(calls), true, children));
    // No stat before the MKD; after its failure the folder is found and listed.
    expect(calls).toEqual(['mkdir /new/pics', 'stat /new/pics', 'list /new/pics']);
    const byName = new Map(children.map((child) => [child.name, child]));
    expect(byName.get('a.jpg')?.conflict).toBeDefined(); // the other client's a.jpg: the policy decides
    expect(byName.get('a.jpg')?.inNewRemoteFolder).toBe(false);
    expect(byName.get('b.jpg')?.conflict).toBeUndefined();
  });

  it('a folder not known to be free is looked at first', async () => {
    const calls: string[] = [];
    await expandUploadFolder(jobFor(serverWithTakenName(calls), false, []));
    expect(calls).toEqual(['stat /new/pics', 'list /new/pics']);
  });
});
