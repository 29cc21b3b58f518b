import { afterEach, describe, expect, it } from 'vitest';
import type { PathSegment } from '../../shared/contract/local';
import type { PaneEntry } from '../lib/entries';
import { testEntry } from '../lib/test-entries';
import { endSync, startSync, useComparison, type SyncSide } from './comparison';
import type { PaneOperations } from './pane-operations';
import { createPaneStore, type FolderContents } from './pane-store';

/** A side over an in-memory tree of folders (`/site/img` style paths), like a real pane. */
function sideOver(name: string, folders: string[]): SyncSide {
  const load = async (path: string): Promise<FolderContents> => {
    if (!folders.includes(path)) throw Object.assign(new Error(`No such folder: ${path}`), { code: 'ENOENT' });
    const prefix = path === '/' ? '/' : `${path}/`;
    const children = folders.filter((f) => f.startsWith(prefix) && f !== path && !f.slice(prefix.length).includes('/'));
    const entries: PaneEntry[] = children.map((f) => ({ ...testEntry(f.slice(prefix.length), { isFolder: true }), key: f }));
    const segments: PathSegment[] = [{ name: '/', path: '/' }];
    for (const part of path.split('/').filter(Boolean)) segments.push({ name: part, path: `${segments.length === 1 ? '' : segments.at(-1)!.path}/${part}` });
    const parent = path === '/' ? null : path.slice(0, path.lastIndexOf('/')) || '/';
    return { path, parent, segments, entries };
  };
  const operations = { childPath: async (folder: string, child: string) => (folder === '/' ? `/${child}` : `${folder}/${child}`) } as PaneOperations;
  return { name, store: createPaneStore(load), operations };
}

const settle = async (side: SyncSide, path: string) => {
  for (let i = 0; i < 50 && side.store.getState().path !== path; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return side.store.getState().path;
};

afterEach(() => endSync());

describe('synchronized browsing', () => {
  it('repeats moves below the starting folders on the other side, both ways', async () => {
    const local = sideOver('local', ['/', '/home', '/home/me', '/home/me/site', '/home/me/site/img']);
    const remote = sideOver('remote', ['/', '/var', '/var/www', '/var/www/site', '/var/www/site/img']);
    await local.store.getState().open('/home/me');
    await remote.store.getState().open('/var/www');
    startSync(local, remote);
    expect(useComparison.getState().syncing).toBe(true);

    await local.store.getState().open('/home/me/site');
    expect(await settle(remote, '/var/www/site')).toBe('/var/www/site');
    await remote.store.getState().open('/var/www/site/img');
    expect(await settle(local, '/home/me/site/img')).toBe('/home/me/site/img');
    await local.store.getState().up();
    expect(await settle(remote, '/var/www/site')).toBe('/var/www/site');
  });

  it('turns itself off with a notice when the folder is missing on the other side or the user leaves the start', async () => {
    const local = sideOver('local', ['/', '/a', '/a/only-local', '/b']);
    const remote = sideOver('remote', ['/', '/a']);
    await local.store.getState().open('/a');
    await remote.store.getState().open('/a');
    startSync(local, remote);
    await local.store.getState().open('/a/only-local');
    expect(useComparison.getState()).toMatchObject({ syncing: false, notice: expect.stringContaining('"only-local" does not exist on the remote side') });
    expect(remote.store.getState().path).toBe('/a');

    await local.store.getState().open('/a');
    startSync(local, remote);
    await local.store.getState().open('/b');
    expect(useComparison.getState()).toMatchObject({ syncing: false, notice: expect.stringContaining('left the folder') });
  });

  it('stops following once turned off', async () => {
    const local = sideOver('local', ['/', '/x']);
    const remote = sideOver('remote', ['/', '/x']);
    await local.store.getState().open('/');
    await remote.store.getState().open('/');
    startSync(local, remote);
    endSync();
    await local.store.getState().open('/x');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(remote.store.getState().path).toBe('/');
    expect(useComparison.getState().notice).toBeNull();
  });
});
