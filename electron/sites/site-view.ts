/**
 * What the renderer sees of sites: every field, and whether a password is
 * saved, never the password itself (see the contract's security note).
 */
import type { Site, SiteFolder, SiteSummary, SiteTree, SiteTreeNode } from '../../shared/contract/sites';
import type { SecretVault } from './secrets/vault';
import { effectivePort, type SitesDocument, type StoredFolder, type StoredSite } from './sites-file';
import { compareForDisplay, pathOf } from './tree/site-tree';
import { TreeIndex } from './tree/tree-index';

/** The two secrets a site may have. */
export type SecretSlot = 'password' | 'key-passphrase';

/** The vault's name for a site's secret. */
export function secretName(siteId: string, slot: SecretSlot): string {
  return `site:${siteId}:${slot}`;
}

/** The full view of one site. */
export function siteView(document: SitesDocument, site: StoredSite, vault: SecretVault): Site {
  const hasPassword = vault.has(secretName(site.id, 'password'));
  return {
    ...site,
    kind: 'site',
    path: pathOf(document, site.id),
    effectivePort: effectivePort(site),
    hasPassword,
    hasKeyPassphrase: vault.has(secretName(site.id, 'key-passphrase')),
    passwordNotice: passwordNotice(site, hasPassword, vault),
  };
}

/** The view of one folder. */
export function folderView(document: SitesDocument, folder: StoredFolder): SiteFolder {
  return { kind: 'folder', id: folder.id, name: folder.name, parentId: folder.parentId, path: pathOf(document, folder.id) };
}

/** The tree: folders first, then sites, sorted by name at every level. */
export function treeView(document: SitesDocument, vault: SecretVault): SiteTree {
  const index = new TreeIndex(document);
  const build = (parentId: string | null, seen: Set<string>): SiteTreeNode[] =>
    index
      .childrenOf(parentId)
      .sort(compareForDisplay)
      .flatMap((node): SiteTreeNode[] => {
        if (node.kind === 'site') return [summaryOf(node, vault)];
        if (seen.has(node.id)) return []; // A loop in a damaged file must not recurse forever.
        return [{ kind: 'folder', id: node.id, name: node.name, children: build(node.id, new Set(seen).add(node.id)) }];
      });
  return { children: build(null, new Set()) };
}

function summaryOf(site: StoredSite, vault: SecretVault): SiteSummary {
  return {
    kind: 'site',
    id: site.id,
    name: site.name,
    protocol: site.protocol,
    encryption: site.encryption,
    host: site.host,
    effectivePort: effectivePort(site),
    user: site.user,
    colour: site.colour,
    hasPassword: vault.has(secretName(site.id, 'password')),
  };
}

/**
 * Why a site that logs in with a saved password will ask for one instead, or
 * `null`: nothing saved (and why nothing could be), locked, or unreadable here.
 */
export function passwordNotice(site: StoredSite, hasPassword: boolean, vault: SecretVault): string | null {
  if (site.logonType !== 'normal') return null;
  if (!hasPassword) {
    const reason = vault.isLocked() ? null : vault.whyCannotSave();
    return reason ?? 'No password is saved: Ferry will ask for it when connecting.';
  }
  if (vault.isLocked()) return 'The saved password is locked: Ferry will ask for your master password when connecting.';
  return vault.status().problem;
}
