import { describe, expect, it } from 'vitest';
import type { SiteSummary, SiteTree, SiteTreeNode } from '../../../shared/contract/sites';
import { canMoveInto, countSites, flattenTree, freeChildName, locate, moveTargets, treeKeyAction } from './tree-model';

function site(id: string, name = id): SiteSummary {
  return { kind: 'site', id, name, protocol: 'ftp', encryption: 'plain', host: 'h', effectivePort: 21, user: '', colour: 'none', hasPassword: false };
}
function folder(id: string, children: SiteTreeNode[], name = id): SiteTreeNode {
  return { kind: 'folder', id, name, children };
}

// Work/{Clients/{acme}, intranet}, Empty/, home
const tree: SiteTree = {
  children: [folder('work', [folder('clients', [site('acme')]), site('intranet')], 'Work'), folder('empty', [], 'Empty'), site('home', 'Home')],
};

describe('flattenTree', () => {
  it('shows only the top level when nothing is open', () => {
    const rows = flattenTree(tree, new Set());
    expect(rows.map((r) => r.id)).toEqual(['work', 'empty', 'home']);
    expect(rows[0]).toMatchObject({ level: 1, expanded: false, hasChildren: true, position: 1, siblings: 3, parentId: null });
    expect(rows[1]).toMatchObject({ hasChildren: false });
  });

  it('shows the children of open folders, one level deeper', () => {
    const rows = flattenTree(tree, new Set(['work', 'clients']));
    expect(rows.map((r) => `${r.level}:${r.id}`)).toEqual(['1:work', '2:clients', '3:acme', '2:intranet', '1:empty', '1:home']);
    expect(rows.find((r) => r.id === 'acme')).toMatchObject({ parentId: 'clients', position: 1, siblings: 1 });
  });

  it('hides the children of an open folder inside a closed one', () => {
    expect(flattenTree(tree, new Set(['clients'])).map((r) => r.id)).toEqual(['work', 'empty', 'home']);
  });
});

describe('treeKeyAction', () => {
  const open = flattenTree(tree, new Set(['work']));
  it('moves up and down through visible rows and stops at the ends', () => {
    expect(treeKeyAction(open, 'work', 'ArrowDown')).toEqual({ kind: 'focus', id: 'clients' });
    expect(treeKeyAction(open, 'clients', 'ArrowUp')).toEqual({ kind: 'focus', id: 'work' });
    expect(treeKeyAction(open, 'work', 'ArrowUp')).toEqual({ kind: 'none' });
    expect(treeKeyAction(open, 'home', 'ArrowDown')).toEqual({ kind: 'none' });
    expect(treeKeyAction(open, 'intranet', 'Home')).toEqual({ kind: 'focus', id: 'work' });
    expect(treeKeyAction(open, 'work', 'End')).toEqual({ kind: 'focus', id: 'home' });
  });

  it('opens a closed folder with →, then enters it', () => {
    expect(treeKeyAction(open, 'clients', 'ArrowRight')).toEqual({ kind: 'expand', id: 'clients' });
    expect(treeKeyAction(open, 'work', 'ArrowRight')).toEqual({ kind: 'focus', id: 'clients' });
    expect(treeKeyAction(open, 'empty', 'ArrowRight')).toEqual({ kind: 'none' });
    expect(treeKeyAction(open, 'home', 'ArrowRight')).toEqual({ kind: 'none' });
  });

  it('closes an open folder with ←, else goes to the parent', () => {
    expect(treeKeyAction(open, 'work', 'ArrowLeft')).toEqual({ kind: 'collapse', id: 'work' });
    expect(treeKeyAction(open, 'intranet', 'ArrowLeft')).toEqual({ kind: 'focus', id: 'work' });
    expect(treeKeyAction(open, 'home', 'ArrowLeft')).toEqual({ kind: 'none' });
  });

  it('connects a site on Enter and toggles a folder', () => {
    expect(treeKeyAction(open, 'intranet', 'Enter')).toEqual({ kind: 'connect', id: 'intranet' });
    expect(treeKeyAction(open, 'work', 'Enter')).toEqual({ kind: 'collapse', id: 'work' });
    expect(treeKeyAction(open, 'clients', 'Enter')).toEqual({ kind: 'expand', id: 'clients' });
  });

  it('renames with F2 and deletes with Delete', () => {
    expect(treeKeyAction(open, 'home', 'F2')).toEqual({ kind: 'rename', id: 'home' });
    expect(treeKeyAction(open, 'clients', 'Delete')).toEqual({ kind: 'delete', id: 'clients' });
    expect(treeKeyAction(open, 'home', 'x')).toEqual({ kind: 'none' });
  });

  it('focuses the first row when nothing is focused yet, and does nothing in an empty tree', () => {
    expect(treeKeyAction(open, null, 'ArrowDown')).toEqual({ kind: 'focus', id: 'work' });
    expect(treeKeyAction(open, 'gone', 'End')).toEqual({ kind: 'focus', id: 'home' });
    expect(treeKeyAction([], null, 'ArrowDown')).toEqual({ kind: 'none' });
  });
});

describe('lookups', () => {
  it('locates a node with its folders', () => {
    expect(locate(tree, 'acme')).toMatchObject({ parentId: 'clients', ancestors: ['work', 'clients'], folderNames: ['Work', 'clients'] });
    expect(locate(tree, 'home')).toMatchObject({ parentId: null, ancestors: [] });
    expect(locate(tree, 'nope')).toBeNull();
  });

  it('counts the sites inside a folder at any depth', () => {
    expect(countSites(tree.children[0]!)).toBe(2);
    expect(countSites(tree.children[1]!)).toBe(0);
  });

  it('picks a free name, ignoring case like the back end', () => {
    const withNew: SiteTree = { children: [site('a', 'New site'), site('b', 'new SITE (2)')] };
    expect(freeChildName(withNew, null, 'New site')).toBe('New site (3)');
    expect(freeChildName(withNew, null, 'New folder')).toBe('New folder');
    expect(freeChildName(tree, 'work', 'Intranet')).toBe('Intranet (2)');
  });

  it('offers every folder but the node itself, its insides and its current folder', () => {
    expect(moveTargets(tree, 'acme').map((t) => t.label)).toEqual(['Top level', 'Work', 'Empty']);
    expect(moveTargets(tree, 'home').map((t) => t.label)).toEqual(['Work', 'Work / clients', 'Empty']);
    expect(moveTargets(tree, 'work').map((t) => t.id)).toEqual(['empty']);
    expect(canMoveInto(tree, 'work', 'clients')).toBe(false);
    expect(canMoveInto(tree, 'home', 'clients')).toBe(true);
    expect(canMoveInto(tree, 'home', null)).toBe(false);
  });
});
