import { describe, expect, it } from 'vitest';
import { testEntry } from '../lib/test-entries';
import type { PaneEntry } from '../lib/entries';
import { createPaneStore, type FolderContents } from './pane-store';

/** A pane over an in-memory tree: folder path → entry names. */
function paneOver(tree: Record<string, string[]>) {
  const load = async (path: string): Promise<FolderContents> => {
    const names = tree[path];
    if (!names) throw Object.assign(new Error(`No such file or folder: ${path}`), { code: 'ENOENT' });
    const entries: PaneEntry[] = names.map((name) => ({ ...testEntry(name), key: `${path}/${name}` }));
    return { path, parent: null, segments: [{ name: path, path }], entries };
  };
  return createPaneStore(load, { showHidden: false });
}

describe('pane store', () => {
  it('keeps the selection of entries that still exist on refresh', async () => {
    const tree = { '/a': ['one', 'two', 'three'] };
    const pane = paneOver(tree);
    await pane.getState().open('/a');
    pane.getState().select(['/a/one', '/a/two'], '/a/two');
    tree['/a'] = ['one', 'three'];
    await pane.getState().refresh();
    expect([...pane.getState().selected]).toEqual(['/a/one']);
    expect(pane.getState().cursor).toBeNull();
  });

  it('selects and puts the cursor on a focused entry (a folder just created or renamed)', async () => {
    const tree = { '/a': ['one'] };
    const pane = paneOver(tree);
    await pane.getState().open('/a');
    tree['/a'] = ['one', 'new folder'];
    await pane.getState().refresh('/a/new folder');
    expect([...pane.getState().selected]).toEqual(['/a/new folder']);
    expect(pane.getState().cursor).toBe('/a/new folder');
  });

  it('clears the filter and selection when another folder opens, not on refresh', async () => {
    const pane = paneOver({ '/a': ['x'], '/b': ['y'] });
    await pane.getState().open('/a');
    pane.getState().setFilter('x');
    pane.getState().select(['/a/x'], '/a/x');
    await pane.getState().refresh();
    expect(pane.getState().filter).toBe('x');
    await pane.getState().open('/b');
    expect(pane.getState().filter).toBe('');
    expect(pane.getState().selected.size).toBe(0);
  });

  it('starts with the hidden-files choice it was given', () => {
    expect(paneOver({}).getState().showHidden).toBe(false);
    expect(createPaneStore(async () => ({ path: '/', parent: null, segments: [], entries: [] })).getState().showHidden).toBe(true);
  });
});
