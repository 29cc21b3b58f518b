/**
 * The site tree as the manager shows it: the nested tree from `sites.tree`
 * flattened into visible rows (folders open or closed), the WAI-ARIA tree
 * keyboard model over those rows, and the lookups the toolbar needs (where a
 * node is, which folders it may move into, a free name for a new item).
 */
import type { SiteTree, SiteTreeNode } from '../../../shared/contract/sites';

/** One visible row of the tree. */
export interface TreeRow {
  id: string;
  kind: 'folder' | 'site';
  name: string;
  /** 1 for the top level (as `aria-level`). */
  level: number;
  parentId: string | null;
  /** Folders only: whether its children are shown. */
  expanded: boolean;
  /** Folders only: whether it has children at all. */
  hasChildren: boolean;
  /** Position among its siblings, 1-based, and how many siblings there are (`aria-posinset`/`aria-setsize`). */
  position: number;
  siblings: number;
  node: SiteTreeNode;
}

/** The visible rows, top to bottom: a folder's children follow it only when it is in `expanded`. */
export function flattenTree(tree: SiteTree, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: readonly SiteTreeNode[], level: number, parentId: string | null): void => {
    nodes.forEach((node, index) => {
      const isFolder = node.kind === 'folder';
      const open = isFolder && expanded.has(node.id);
      rows.push({
        id: node.id,
        kind: node.kind,
        name: node.name,
        level,
        parentId,
        expanded: open,
        hasChildren: isFolder && node.children.length > 0,
        position: index + 1,
        siblings: nodes.length,
        node,
      });
      if (open && isFolder) walk(node.children, level + 1, node.id);
    });
  };
  walk(tree.children, 1, null);
  return rows;
}

/** Where a node sits: the node, its parent folder, and its folder names from the top (`['Work', 'Clients']`). */
export interface NodeLocation {
  node: SiteTreeNode;
  parentId: string | null;
  /** Ids of the folders above it, outermost first. */
  ancestors: string[];
  /** Names of the folders above it, outermost first. */
  folderNames: string[];
}

/** Finds a node anywhere in the tree, or `null`. */
export function locate(tree: SiteTree, id: string): NodeLocation | null {
  const search = (nodes: readonly SiteTreeNode[], ancestors: string[], names: string[]): NodeLocation | null => {
    for (const node of nodes) {
      if (node.id === id) return { node, parentId: ancestors.at(-1) ?? null, ancestors, folderNames: names };
      if (node.kind === 'folder') {
        const found = search(node.children, [...ancestors, node.id], [...names, node.name]);
        if (found) return found;
      }
    }
    return null;
  };
  return search(tree.children, [], []);
}

/** The children of folder `parentId` (`null`: the top level); empty when the folder is unknown. */
export function childrenOf(tree: SiteTree, parentId: string | null): readonly SiteTreeNode[] {
  if (parentId === null) return tree.children;
  const found = locate(tree, parentId);
  return found?.node.kind === 'folder' ? found.node.children : [];
}

/**
 * A name not used in folder `parentId`: `base`, else `base (2)`, `base (3)`… (as the back end names copies)
 * Names are unique among siblings ignoring case (NFKC, lower case), as the back end checks.
 */
export function freeChildName(tree: SiteTree, parentId: string | null, base: string): string {
  const key = (name: string): string => name.normalize('NFKC').toLowerCase();
  const taken = new Set(childrenOf(tree, parentId).map((node) => key(node.name)));
  if (!taken.has(key(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(key(candidate))) return candidate;
  }
}

/** A folder a node can be moved into, with its full path for the "Move to…" list. */
export interface MoveTarget {
  /** `null` for the top level. */
  id: string | null;
  label: string;
}

/**
 * Every place node `movingId` can go: the top level and every folder except
 * the node itself and the folders inside it (a folder cannot go into itself),
 * and except the folder it is already in.
 */
export function moveTargets(tree: SiteTree, movingId: string): MoveTarget[] {
  const current = locate(tree, movingId)?.parentId;
  const targets: MoveTarget[] = current === null ? [] : [{ id: null, label: 'Top level' }];
  const walk = (nodes: readonly SiteTreeNode[], names: string[]): void => {
    for (const node of nodes) {
      if (node.kind !== 'folder' || node.id === movingId) continue;
      const path = [...names, node.name];
      if (node.id !== current) targets.push({ id: node.id, label: path.join(' / ') });
      walk(node.children, path);
    }
  };
  walk(tree.children, []);
  return targets;
}

/** True when `id` may be dropped into folder `targetId` (`null`: top level). */
export function canMoveInto(tree: SiteTree, id: string, targetId: string | null): boolean {
  return moveTargets(tree, id).some((target) => target.id === targetId);
}

/** How many sites a folder holds, at any depth. */
export function countSites(node: SiteTreeNode): number {
  return node.kind === 'site' ? 1 : node.children.reduce((sum, child) => sum + countSites(child), 0);
}

/** What a key press in the tree asks for. */
export type TreeKeyAction =
  | { kind: 'focus'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  /** Enter on a site: connect. Enter on a folder toggles it (expand/collapse). */
  | { kind: 'connect'; id: string }
  | { kind: 'rename'; id: string }
  | { kind: 'delete'; id: string }
  | { kind: 'none' };

/**
 * The WAI-ARIA tree keyboard model: ↑/↓ move, → opens a folder or enters it,
 * ← closes a folder or goes to its parent, Home/End, Enter connects a site
 * (toggles a folder), F2 renames, Delete deletes.
 */
export function treeKeyAction(rows: readonly TreeRow[], currentId: string | null, key: string): TreeKeyAction {
  if (rows.length === 0) return { kind: 'none' };
  const index = rows.findIndex((row) => row.id === currentId);
  if (index < 0) return key === 'ArrowUp' || key === 'End' ? { kind: 'focus', id: rows.at(-1)!.id } : { kind: 'focus', id: rows[0]!.id };
  const row = rows[index]!;
  switch (key) {
    case 'ArrowDown':
      return index + 1 < rows.length ? { kind: 'focus', id: rows[index + 1]!.id } : { kind: 'none' };
    case 'ArrowUp':
      return index > 0 ? { kind: 'focus', id: rows[index - 1]!.id } : { kind: 'none' };
    case 'Home':
      return { kind: 'focus', id: rows[0]!.id };
    case 'End':
      return { kind: 'focus', id: rows.at(-1)!.id };
    case 'ArrowRight':
      if (row.kind !== 'folder' || !row.hasChildren) return { kind: 'none' };
      return row.expanded ? { kind: 'focus', id: rows[index + 1]!.id } : { kind: 'expand', id: row.id };
    case 'ArrowLeft':
      if (row.kind === 'folder' && row.expanded) return { kind: 'collapse', id: row.id };
      return row.parentId === null ? { kind: 'none' } : { kind: 'focus', id: row.parentId };
    case 'Enter':
      if (row.kind === 'site') return { kind: 'connect', id: row.id };
      return row.expanded ? { kind: 'collapse', id: row.id } : { kind: 'expand', id: row.id };
    case 'F2':
      return { kind: 'rename', id: row.id };
    case 'Delete':
      return { kind: 'delete', id: row.id };
    default:
      return { kind: 'none' };
  }
}
