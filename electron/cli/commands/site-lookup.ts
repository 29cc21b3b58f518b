/**
 * Finds the site or folder a `ferry sites` argument names, and creates the
 * folders `add --folder` and `mkdir` ask for.
 *
 * An argument is a site path from the top (`Work/Clients/Shop`, names with
 * `/` escaped as `\/`, an optional `site:` prefix and trailing `/`), or just a
 * name that occurs once anywhere in the tree (`Shop`). Names match the way
 * the site manager compares them (case and compatibility forms ignored).
 */
import type { SiteSummary, SiteTree, SiteTreeFolder, SiteTreeNode } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import type { SiteServices } from '../../sites';
import { joinSitePath, SITE_REFERENCE_PREFIX, splitSitePath } from '../../sites';
import { sameName } from '../../sites/tree/site-tree';

/** A node of the tree with its place. */
export type FoundNode = (SiteTreeFolder | SiteSummary) & {
  /** `Folder/Sub/Name`, escaped like a `site:` reference. */
  path: string;
  /** The names from the top down to the node, itself included. */
  names: string[];
  /** The folder it is in (`null`: the top level). */
  parentId: string | null;
};

/**
 * The names a site path stands for. Throws `INVALID_INPUT` for an empty path
 * or an empty name inside it (`A//B`). `allowTop` accepts `/` or `` as the top level.
 */
export function splitSiteArgument(text: string, allowTop = false): string[] {
  let body = text.startsWith(SITE_REFERENCE_PREFIX) ? text.slice(SITE_REFERENCE_PREFIX.length) : text;
  if (body.endsWith('/') && !body.endsWith('\\/')) body = body.slice(0, -1);
  if (body === '') {
    if (allowTop) return [];
    throw new FerryError('INVALID_INPUT', 'Name a site or folder, e.g. Work/Shop.');
  }
  const names = splitSitePath(body).map((segment) => segment.name);
  if (names.some((name) => name.trim() === '')) {
    throw new FerryError('INVALID_INPUT', `"${text}" has an empty name in it. Separate folders with one "/" (write "\\/" for a "/" inside a name).`);
  }
  return names;
}

/** Every node of the tree with its place, top-down. */
function allNodes(tree: SiteTree): FoundNode[] {
  const out: FoundNode[] = [];
  const walk = (children: readonly SiteTreeNode[], above: string[], parentId: string | null): void => {
    for (const node of children) {
      const names = [...above, node.name];
      out.push({ ...node, names, path: joinSitePath(names), parentId });
      if (node.kind === 'folder') walk(node.children, names, node.id);
    }
  };
  walk(tree.children, [], null);
  return out;
}

/** The node at exactly `names` from the top (no search by bare name), if any, with its names as stored. */
export function nodeAt(tree: SiteTree, names: readonly string[]): FoundNode | null {
  let children: readonly SiteTreeNode[] = tree.children;
  let parentId: string | null = null;
  const stored: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const node = children.find((child) => sameName(child.name, names[i]!));
    if (!node) return null;
    stored.push(node.name);
    if (i === names.length - 1) return { ...node, names: stored, path: joinSitePath(stored), parentId };
    if (node.kind !== 'folder') return null;
    children = node.children;
    parentId = node.id;
  }
  return null;
}

/**
 * The site or folder `text` names (see the module comment). Throws
 * `NOT_FOUND`, or `CONFLICT` when a bare name occurs more than once.
 */
export function findNode(tree: SiteTree, text: string): FoundNode {
  const names = splitSiteArgument(text);
  const exact = nodeAt(tree, names);
  if (exact) return exact;
  if (names.length === 1) {
    const matches = allNodes(tree).filter((node) => sameName(node.name, names[0]!));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new FerryError('CONFLICT', `Several items are called "${names[0]}": ${matches.map((m) => m.path).join(', ')}. Give the whole path.`);
    }
  }
  throw new FerryError('NOT_FOUND', `There is no site or folder "${joinSitePath(names)}" in the site manager. "ferry sites list" shows them all.`);
}

/** Like {@link findNode}, for a site only. */
export function findSite(tree: SiteTree, text: string): FoundNode & SiteSummary {
  const node = findNode(tree, text);
  if (node.kind !== 'site') throw new FerryError('EISDIR', `${node.path} is a folder, not a site.`);
  return node;
}

/** The folder at `names` (`null` for the top level). Throws `NOT_FOUND` or `ENOTDIR`. */
export function findFolder(tree: SiteTree, names: readonly string[]): string | null {
  if (names.length === 0) return null;
  const node = nodeAt(tree, names);
  if (!node) throw new FerryError('NOT_FOUND', `There is no folder "${joinSitePath(names)}". Create it with: ferry sites mkdir ${joinSitePath(names)}`);
  if (node.kind !== 'folder') throw new FerryError('ENOTDIR', `${node.path} is a site, not a folder.`);
  return node.id;
}

/**
 * The folder at `names`, creating each missing one from the top down.
 * Returns its id (`null` for the top level) and the paths it created.
 */
export async function ensureFolder(services: SiteServices, names: readonly string[]): Promise<{ id: string | null; created: string[] }> {
  let parentId: string | null = null;
  const created: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const here = names.slice(0, i + 1);
    const existing = nodeAt(services.sites.tree(), here);
    if (existing?.kind === 'site') throw new FerryError('ENOTDIR', `${existing.path} is a site, not a folder.`);
    if (existing) {
      parentId = existing.id;
      continue;
    }
    const folder = await services.sites.createFolder(parentId, names[i]!);
    created.push(folder.path);
    parentId = folder.id;
  }
  return { id: parentId, created };
}

/** How many sites and folders are inside a folder, at any depth. */
export function countInside(folder: SiteTreeFolder): { sites: number; folders: number } {
  let sites = 0;
  let folders = 0;
  for (const child of folder.children) {
    if (child.kind === 'site') sites++;
    else {
      const inner = countInside(child);
      folders += 1 + inner.folders;
      sites += inner.sites;
    }
  }
  return { sites, folders };
}
