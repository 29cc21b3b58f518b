/**
 * A tree of folders and sites outside Ferry's storage: read from an import
 * file, or about to be written to an export file. Passwords are in plain text
 * here, so this shape lives only in the main process, briefly.
 */
import type { SiteFields, TransferNote } from '../../../shared/contract/sites';

/** A folder and what is inside it. */
export interface PortableFolder {
  kind: 'folder';
  name: string;
  children: PortableNode[];
}

/** A site with its secrets, `null` when not known or not wanted. */
export interface PortableSite {
  kind: 'site';
  name: string;
  fields: SiteFields;
  password: string | null;
  keyPassphrase: string | null;
}

/** A folder or a site. */
export type PortableNode = PortableFolder | PortableSite;

/** What an import file held, and what the reader wants the user to know about it. */
export interface PortableTree {
  nodes: PortableNode[];
  notes: TransferNote[];
}

/** Calls `visit` for every site, with the folder names above it. */
export function forEachPortableSite(nodes: readonly PortableNode[], visit: (site: PortableSite, folders: string[]) => void, folders: string[] = []): void {
  for (const node of nodes) {
    if (node.kind === 'site') visit(node, folders);
    else forEachPortableSite(node.children, visit, [...folders, node.name]);
  }
}
