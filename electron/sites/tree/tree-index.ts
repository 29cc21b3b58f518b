/**
 * An index over a sites document for operations that touch many nodes at once
 * (showing the tree, importing thousands of sites, exporting): lookups by id,
 * by parent and by sibling name in constant time instead of a scan each.
 * Build it, use it, drop it: it does not follow later changes to the document
 * except those made through {@link TreeIndex.add}.
 */
import type { SitesDocument } from '../sites-file';
import { nameKey, type StoredNode } from './site-tree';

/** See the module comment. */
export class TreeIndex {
  private readonly byId = new Map<string, StoredNode>();
  private readonly byParent = new Map<string | null, StoredNode[]>();
  private readonly byName = new Map<string, StoredNode>();

  constructor(document: SitesDocument) {
    for (const folder of document.folders) this.add({ kind: 'folder', ...folder });
    for (const site of document.sites) this.add({ kind: 'site', ...site });
  }

  /** Records a node (one just added to the document). */
  add(node: StoredNode): void {
    this.byId.set(node.id, node);
    const siblings = this.byParent.get(node.parentId) ?? [];
    siblings.push(node);
    this.byParent.set(node.parentId, siblings);
    const key = siblingKey(node.parentId, node.name);
    if (!this.byName.has(key)) this.byName.set(key, node);
  }

  /** The node with `id`. */
  node(id: string): StoredNode | undefined {
    return this.byId.get(id);
  }

  /** The folders and sites directly inside `parentId` (`null`: the top level), folders first. */
  childrenOf(parentId: string | null): StoredNode[] {
    const children = this.byParent.get(parentId) ?? [];
    return [...children.filter((n) => n.kind === 'folder'), ...children.filter((n) => n.kind === 'site')];
  }

  /** The sibling inside `parentId` whose name counts as `name` (see `sameName`). */
  named(parentId: string | null, name: string): StoredNode | undefined {
    return this.byName.get(siblingKey(parentId, name));
  }

  /** `base` when free inside `parentId`, else `base (2)`, `base (3)`… */
  freeName(parentId: string | null, base: string): string {
    if (!this.named(parentId, base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base} (${n})`;
      if (!this.named(parentId, candidate)) return candidate;
    }
  }

  /** True when node `id` is `folderId` or somewhere inside it. */
  isWithin(id: string, folderId: string): boolean {
    const seen = new Set<string>();
    for (let current = this.byId.get(id); current && !seen.has(current.id); ) {
      if (current.id === folderId) return true;
      seen.add(current.id);
      current = current.parentId === null ? undefined : this.byId.get(current.parentId);
    }
    return false;
  }
}

function siblingKey(parentId: string | null, name: string): string {
  return `${parentId ?? ''}\u0000${nameKey(name)}`;
}
