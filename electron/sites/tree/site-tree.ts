/**
 * Questions about the tree of folders and sites in a sites document: where a
 * node is, what is inside a folder, whether a name is free. Pure functions.
 */
import { FerryError } from '../../../shared/errors';
import type { SitesDocument, StoredFolder, StoredSite } from '../sites-file';
import { joinSitePath } from './site-path';

/** A node of the tree: a folder or a site. */
export type StoredNode = ({ kind: 'folder' } & StoredFolder) | ({ kind: 'site' } & StoredSite);

/** The folder or site with `id`, or `null`. */
export function findNode(document: SitesDocument, id: string): StoredNode | null {
  const folder = document.folders.find((f) => f.id === id);
  if (folder) return { kind: 'folder', ...folder };
  const site = document.sites.find((s) => s.id === id);
  return site ? { kind: 'site', ...site } : null;
}

/** The site with `id`; throws `NOT_FOUND` otherwise. */
export function requireSite(document: SitesDocument, id: string): StoredSite {
  const site = document.sites.find((s) => s.id === id);
  if (!site) throw new FerryError('NOT_FOUND', 'This site no longer exists. It may have been deleted.');
  return site;
}

/** The folder or site with `id`; throws `NOT_FOUND` otherwise. */
export function requireNode(document: SitesDocument, id: string): StoredNode {
  const node = findNode(document, id);
  if (!node) throw new FerryError('NOT_FOUND', 'This site or folder no longer exists. It may have been deleted.');
  return node;
}

/** Checks that `parentId` is the top level (`null`) or an existing folder. */
export function requireFolderOrTop(document: SitesDocument, parentId: string | null): void {
  if (parentId === null) return;
  if (!document.folders.some((f) => f.id === parentId)) {
    throw new FerryError('NOT_FOUND', 'The folder to put it in no longer exists.');
  }
}

/** The folders and sites directly inside `parentId` (`null`: the top level). */
export function childrenOf(document: SitesDocument, parentId: string | null): StoredNode[] {
  return [
    ...document.folders.filter((f) => f.parentId === parentId).map((f) => ({ kind: 'folder' as const, ...f })),
    ...document.sites.filter((s) => s.parentId === parentId).map((s) => ({ kind: 'site' as const, ...s })),
  ];
}

/**
 * What two names have in common when they count as the same: case and
 * compatibility forms (full-width letters, ligatures) are ignored, as on the
 * file systems users know; accents are not. Sibling names must differ this way
 * so that a `site:Folder/Name` reference is never ambiguous.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/** True when two names count as the same (see {@link nameKey}). */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** The sibling called `name` inside `parentId`, other than `exceptId`, if any. */
export function siblingNamed(
  document: SitesDocument,
  parentId: string | null,
  name: string,
  exceptId?: string,
): StoredNode | undefined {
  return childrenOf(document, parentId).find((node) => node.id !== exceptId && sameName(node.name, name));
}

/** Throws `CONFLICT` when `name` is taken inside `parentId`. */
export function requireFreeName(document: SitesDocument, parentId: string | null, name: string, exceptId?: string): void {
  const taken = siblingNamed(document, parentId, name, exceptId);
  if (!taken) return;
  const where = parentId === null ? 'at the top level' : `in "${pathOf(document, parentId)}"`;
  throw new FerryError('CONFLICT', `There is already a ${taken.kind} called "${taken.name}" ${where}. Choose another name.`);
}

/** `base` when free inside `parentId`, else `base (2)`, `base (3)`… */
export function freeName(document: SitesDocument, parentId: string | null, base: string): string {
  if (!siblingNamed(document, parentId, base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!siblingNamed(document, parentId, candidate)) return candidate;
  }
}

/** The folders from the top down to `id` (excluded), as stored. */
export function ancestorsOf(document: SitesDocument, id: string): StoredFolder[] {
  const chain: StoredFolder[] = [];
  const seen = new Set<string>([id]);
  let parentId = findNode(document, id)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    seen.add(parentId);
    const folder = document.folders.find((f) => f.id === parentId);
    if (!folder) break;
    chain.unshift(folder);
    parentId = folder.parentId;
  }
  return chain;
}

/** The names from the top down to node `id`, itself included (empty when it does not exist). */
export function namesOf(document: SitesDocument, id: string): string[] {
  const node = findNode(document, id);
  if (!node) return [];
  return [...ancestorsOf(document, id).map((f) => f.name), node.name];
}

/** `Folder/Sub/Name` for a node, names escaped as in `site:` references. */
export function pathOf(document: SitesDocument, id: string): string {
  return joinSitePath(namesOf(document, id));
}

/** True when `id` is `folderId` or somewhere inside it. */
export function isWithin(document: SitesDocument, id: string, folderId: string): boolean {
  return id === folderId || ancestorsOf(document, id).some((f) => f.id === folderId);
}

/** Every folder and site inside `folderId`, at any depth (the folder itself excluded). */
export function descendantsOf(document: SitesDocument, folderId: string): { folders: StoredFolder[]; sites: StoredSite[] } {
  const folderIds = new Set<string>([folderId]);
  // Folders may be listed in any order: repeat until no new child is found.
  for (let grew = true; grew; ) {
    grew = false;
    for (const folder of document.folders) {
      if (folder.parentId !== null && folderIds.has(folder.parentId) && !folderIds.has(folder.id)) {
        folderIds.add(folder.id);
        grew = true;
      }
    }
  }
  folderIds.delete(folderId);
  return {
    folders: document.folders.filter((f) => folderIds.has(f.id)),
    sites: document.sites.filter((s) => s.parentId !== null && (s.parentId === folderId || folderIds.has(s.parentId))),
  };
}

/**
 * Puts nodes whose folder is missing, or that sit in a loop of folders, at the
 * top level, so that nothing in a hand-edited file becomes invisible. Returns
 * how many nodes moved.
 */
export function reattachStrays(document: SitesDocument): number {
  let moved = 0;
  const folderIds = new Set(document.folders.map((f) => f.id));
  for (const node of [...document.folders, ...document.sites]) {
    if (node.parentId !== null && !folderIds.has(node.parentId)) {
      node.parentId = null;
      moved++;
    }
  }
  for (const folder of document.folders) {
    if (inLoop(document, folder)) {
      folder.parentId = null;
      moved++;
    }
  }
  return moved;
}

function inLoop(document: SitesDocument, folder: StoredFolder): boolean {
  const seen = new Set<string>();
  let current: StoredFolder | undefined = folder;
  while (current && current.parentId !== null) {
    if (seen.has(current.id)) return true;
    seen.add(current.id);
    const parentId: string = current.parentId;
    current = document.folders.find((f) => f.id === parentId);
  }
  return false;
}

/** One collator for every sort: creating one per comparison is what makes `localeCompare` slow. */
const displayOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorts siblings for display: folders first, then sites, each by name as people read it ("Site 2" before "Site 10"). */
export function compareForDisplay(a: { kind: string; name: string }, b: { kind: string; name: string }): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  return displayOrder.compare(a.name, b.name);
}
