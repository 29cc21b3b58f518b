/**
 * The site manager's service: the tree of folders and sites in sites.json, and
 * each site's secrets in the {@link SecretVault}. The API handlers, the
 * engines and the CLI all go through it.
 */
import { randomUUID } from 'node:crypto';
import {
  type ImportReport,
  type SecretChange,
  type Site,
  type SiteFields,
  type SiteFolder,
  type SiteSaved,
  type SiteTree,
  type StorageProblem,
  type TransferNote,
} from '../../shared/contract/sites';
import { FerryError } from '../../shared/errors';
import { planConnection, type ConnectionPlan } from './connection-options';
import { forEachPortableSite, type PortableNode, type PortableTree } from './exchange/portable-tree';
import type { SecretChanges, SecretVault } from './secrets/vault';
import { planSecrets, SECRET_SLOTS } from './secret-plan';
import { checkFields, checkName } from './site-input';
import { folderView, secretName, siteView, treeView, type SecretSlot } from './site-view';
import { DEFAULT_SITE_FIELDS, sitesFileSpec, type SitesDocument, type StoredFolder, type StoredSite } from './sites-file';
import { JsonStore } from './storage/json-store';
import { resolveSiteReference, type ResolvedSiteReference } from './tree/resolve-reference';
import { joinSitePath, parseSiteReference } from './tree/site-path';
import {
  descendantsOf,
  freeName,
  isWithin,
  namesOf,
  pathOf,
  reattachStrays,
  requireFolderOrTop,
  requireFreeName,
  requireNode,
  requireSite,
  type StoredNode,
} from './tree/site-tree';
import { TreeIndex } from './tree/tree-index';

/** Options for {@link SitesService.open}. */
export interface SitesServiceOptions {
  dataDir: string;
  vault: SecretVault;
  /** Called after every change to the tree or a site (the API turns it into `sites.changed`). */
  onChange?: () => void;
}

/** What {@link SitesService.create} takes. */
export interface CreateSiteRequest {
  parentId: string | null;
  name: string;
  fields?: Partial<SiteFields>;
  password?: string;
  keyPassphrase?: string;
}

/** What {@link SitesService.update} takes. Fields left out keep their value; secrets default to "keep". */
export interface UpdateSiteRequest {
  id: string;
  fields?: Partial<SiteFields>;
  password?: SecretChange;
  keyPassphrase?: SecretChange;
}

/** A site reference looked up, with how to connect to it. */
export interface ResolvedConnection extends ResolvedSiteReference {
  plan: ConnectionPlan;
}

/** See the module comment. */
export class SitesService {
  private constructor(
    private readonly store: JsonStore<SitesDocument>,
    private readonly vault: SecretVault,
    private readonly onChange: () => void,
  ) {}

  /** Opens `DATA_DIR/sites.json` (see {@link JsonStore} for damaged or newer files). */
  static async open(options: SitesServiceOptions): Promise<SitesService> {
    const store = await JsonStore.open(sitesFileSpec(options.dataDir));
    const service = new SitesService(store, options.vault, options.onChange ?? (() => {}));
    if (reattachStrays(structuredClone(store.data) as SitesDocument) > 0) await store.update(reattachStrays);
    // Secrets of sites that are gone (a crash between the two writes) are dropped, unless sites.json
    // itself was unreadable: then they may belong to the copy kept aside, which the user can restore.
    if (!store.problem) await service.forgetOrphanSecrets();
    return service;
  }

  /** Set when sites.json was unreadable at start-up and was kept aside. */
  get problem(): StorageProblem | null {
    return this.store.problem;
  }

  /** The file of sites (for tests and diagnostics). */
  get file(): string {
    return this.store.file;
  }

  /** The whole tree, sorted for display. */
  tree(): SiteTree {
    return treeView(this.store.data, this.vault);
  }

  /** One site, without secrets. Throws `NOT_FOUND`. */
  get(id: string): Site {
    return siteView(this.store.data, requireSite(this.store.data, id), this.vault);
  }

  /** Every site as stored (no secrets), for the CLI's listings. */
  allSites(): readonly StoredSite[] {
    return this.store.data.sites;
  }

  /** Creates a site. When its password cannot be saved, the site is still created and `notice` says why. */
  async create(request: CreateSiteRequest): Promise<SiteSaved> {
    const name = checkName(request.name);
    const fields: SiteFields = { ...DEFAULT_SITE_FIELDS, ...checkFields(request.fields ?? {}) };
    requireFolderOrTop(this.store.data, request.parentId);
    requireFreeName(this.store.data, request.parentId, name);
    const site: StoredSite = { ...fields, id: randomUUID(), name, parentId: request.parentId };
    const secrets = planSecrets(site, this.vault, {
      password: request.password === undefined ? undefined : { action: 'set', value: request.password },
      keyPassphrase: request.keyPassphrase === undefined ? undefined : { action: 'set', value: request.keyPassphrase },
    });
    await this.vault.save(secrets.changes);
    try {
      await this.store.update((draft) => {
        requireFolderOrTop(draft, site.parentId);
        requireFreeName(draft, site.parentId, site.name);
        draft.sites.push(site);
      });
    } catch (error) {
      await this.vault.save(clearAll(secrets.changes)).catch(() => {});
      throw error;
    }
    this.onChange();
    return { site: this.get(site.id), notice: secrets.notice };
  }

  /** Changes a site's fields and secrets. */
  async update(request: UpdateSiteRequest): Promise<SiteSaved> {
    const patch = checkFields(request.fields ?? {});
    const next: StoredSite = { ...requireSite(this.store.data, request.id), ...patch };
    const secrets = planSecrets(next, this.vault, { password: request.password, keyPassphrase: request.keyPassphrase });
    await this.vault.save(secrets.changes);
    await this.store.update((draft) => {
      Object.assign(requireSite(draft, request.id), patch);
    });
    this.onChange();
    return { site: this.get(request.id), notice: secrets.notice };
  }

  /** Creates an empty folder. */
  async createFolder(parentId: string | null, name: string): Promise<SiteFolder> {
    const folder: StoredFolder = { id: randomUUID(), name: checkName(name), parentId };
    await this.store.update((draft) => {
      requireFolderOrTop(draft, parentId);
      requireFreeName(draft, parentId, folder.name);
      draft.folders.push(folder);
    });
    this.onChange();
    return folderView(this.store.data, folder);
  }

  /** Renames a site or folder. Names are unique among siblings (ignoring case). */
  async rename(id: string, name: string): Promise<void> {
    const newName = checkName(name);
    await this.store.update((draft) => {
      const node = requireNode(draft, id);
      requireFreeName(draft, node.parentId, newName, id);
      storedNode(draft, id).name = newName;
    });
    this.onChange();
  }

  /** Moves a site or folder into `parentId` (`null`: the top level). */
  async move(id: string, parentId: string | null): Promise<void> {
    await this.store.update((draft) => {
      const node = requireNode(draft, id);
      requireFolderOrTop(draft, parentId);
      if (node.kind === 'folder' && parentId !== null && isWithin(draft, parentId, id)) {
        throw new FerryError('CONFLICT', `The folder "${node.name}" cannot be moved into itself.`);
      }
      requireFreeName(draft, parentId, node.name, id);
      storedNode(draft, id).parentId = parentId;
    });
    this.onChange();
  }

  /**
   * Copies a site (with its saved secrets) or a folder with everything in it,
   * beside the original as "Copy of …". Throws `LOCKED` when a secret to copy
   * is locked away.
   */
  async duplicate(id: string): Promise<{ id: string; name: string }> {
    const document = this.store.data;
    const node = requireNode(document, id);
    const name = freeName(document, node.parentId, `Copy of ${node.name}`);
    const ids = new Map<string, string>([[id, randomUUID()]]);
    const folders: StoredFolder[] = [];
    const sites: StoredSite[] = [];
    if (node.kind === 'site') {
      sites.push({ ...structuredClone(requireSite(document, id)), id: ids.get(id)!, name });
    } else {
      folders.push({ id: ids.get(id)!, name, parentId: node.parentId });
      const inside = descendantsOf(document, id);
      for (const child of [...inside.folders, ...inside.sites]) ids.set(child.id, randomUUID());
      const newParent = (parentId: string | null) => (parentId === null ? null : (ids.get(parentId) ?? null));
      for (const f of inside.folders) folders.push({ ...f, id: ids.get(f.id)!, parentId: newParent(f.parentId) });
      for (const s of inside.sites) sites.push({ ...structuredClone(s), id: ids.get(s.id)!, parentId: newParent(s.parentId) });
    }
    const secrets: SecretChanges = {};
    for (const [oldId, newId] of ids) {
      for (const slot of SECRET_SLOTS) {
        if (!this.vault.has(secretName(oldId, slot))) continue;
        const value = await this.vault.get(secretName(oldId, slot)); // LOCKED while locked
        if (value !== null) secrets[secretName(newId, slot)] = value;
      }
    }
    await this.vault.save(secrets);
    const copyName = await this.store.update((draft) => {
      // Checked again at write time: the tree may have changed while secrets were copied.
      requireFolderOrTop(draft, node.parentId);
      const root = [...folders, ...sites].find((copy) => copy.id === ids.get(id))!;
      root.name = freeName(draft, node.parentId, `Copy of ${node.name}`);
      draft.folders.push(...folders);
      draft.sites.push(...sites);
      return root.name;
    });
    this.onChange();
    return { id: ids.get(id)!, name: copyName };
  }

  /** Deletes a site, or a folder with everything in it, and their saved secrets. */
  async remove(id: string): Promise<void> {
    const removedSites = await this.store.update((draft) => {
      const node = requireNode(draft, id);
      const inside = node.kind === 'folder' ? descendantsOf(draft, id) : { folders: [], sites: [] };
      const folderIds = new Set([...inside.folders.map((f) => f.id), ...(node.kind === 'folder' ? [id] : [])]);
      const siteIds = new Set([...inside.sites.map((s) => s.id), ...(node.kind === 'site' ? [id] : [])]);
      draft.folders = draft.folders.filter((f) => !folderIds.has(f.id));
      draft.sites = draft.sites.filter((s) => !siteIds.has(s.id));
      return [...siteIds];
    });
    // Removing secrets works even while locked: no key is needed to delete ciphertext.
    await this.vault.save(clearAll(secretsOf(removedSites)));
    this.onChange();
  }

  /**
   * Adds an imported tree under `parentId`. Folders merge with same-named
   * folders; a site whose name is taken gets "Name (2)". Passwords go to the
   * vault (or, when it cannot save, are left out with a note). One write for
   * the sites: a failing import adds nothing. Throws `LOCKED` when the file
   * has passwords and the vault is locked.
   */
  async importTree(tree: PortableTree, parentId: string | null): Promise<ImportReport> {
    const notes: TransferNote[] = [...tree.notes];
    let secretCount = 0;
    forEachPortableSite(tree.nodes, (site) => {
      if (site.password !== null || site.keyPassphrase !== null) secretCount++;
    });
    if (secretCount > 0 && this.vault.isLocked()) {
      throw new FerryError('LOCKED', 'Enter your master password first: the file has passwords to save.');
    }
    const cannotSave = secretCount > 0 ? this.vault.whyCannotSave() : null;
    const report: ImportReport = { folders: 0, sites: 0, passwords: 0, notes };
    await this.store.update(async (draft) => {
      requireFolderOrTop(draft, parentId);
      const index = new TreeIndex(draft);
      const secrets: SecretChanges = {};
      const place = (nodes: readonly PortableNode[], into: string | null, path: string[]): void => {
        for (const node of nodes) {
          const existing = index.named(into, node.name);
          if (node.kind === 'folder') {
            let folderId = existing?.kind === 'folder' ? existing.id : null;
            if (folderId === null) {
              const folder: StoredFolder = { id: randomUUID(), name: index.freeName(into, node.name), parentId: into };
              draft.folders.push(folder);
              index.add({ kind: 'folder', ...folder });
              folderId = folder.id;
              report.folders++;
            }
            place(node.children, folderId, [...path, node.name]);
            continue;
          }
          const name = index.freeName(into, node.name);
          const item = joinSitePath([...path, name]);
          if (name !== node.name) notes.push({ item, message: `Renamed from "${node.name}": that name was taken.` });
          const site: StoredSite = { ...node.fields, id: randomUUID(), name, parentId: into };
          draft.sites.push(site);
          index.add({ kind: 'site', ...site });
          report.sites++;
          for (const [slot, value] of [
            ['password', node.password],
            ['key-passphrase', node.keyPassphrase],
          ] as const) {
            if (value === null) continue;
            if (cannotSave !== null) notes.push({ item, message: `The ${slot.replace('-', ' ')} was not imported. ${cannotSave}` });
            else {
              secrets[secretName(site.id, slot)] = value;
              report.passwords++;
            }
          }
        }
      };
      place(tree.nodes, parentId, parentId === null ? [] : namesOf(draft, parentId));
      await this.vault.save(secrets);
    });
    this.onChange();
    return report;
  }

  /**
   * The sites and folders `ids` (everything when omitted) as a portable tree
   * for export. Secrets are included only with `includePasswords`; then a
   * locked vault throws `LOCKED`, and a secret this run cannot read is noted.
   */
  async exportTree(ids: readonly string[] | undefined, includePasswords: boolean): Promise<PortableTree> {
    const document = this.store.data;
    const index = new TreeIndex(document);
    let roots = index.childrenOf(null);
    if (ids !== undefined) {
      const chosen = [...new Set(ids)].map((id) => index.node(id) ?? requireNode(document, id));
      const chosenFolders = chosen.filter((node) => node.kind === 'folder');
      // A node inside another chosen folder is exported once, with that folder.
      roots = chosen.filter((node) => !chosenFolders.some((folder) => folder.id !== node.id && index.isWithin(node.id, folder.id)));
    }
    const notes: TransferNote[] = [];
    const secret = async (siteId: string, slot: SecretSlot): Promise<string | null> => {
      if (!includePasswords || !this.vault.has(secretName(siteId, slot))) return null;
      const value = await this.vault.get(secretName(siteId, slot));
      if (value === null) {
        const why = this.vault.status().problem ?? 'it could not be decrypted';
        notes.push({ item: pathOf(document, siteId), message: `The saved ${slot.replace('-', ' ')} was left out: ${why}` });
      }
      return value;
    };
    const build = async (nodes: readonly StoredNode[]): Promise<PortableNode[]> => {
      const out: PortableNode[] = [];
      for (const node of nodes) {
        if (node.kind === 'folder') {
          out.push({ kind: 'folder', name: node.name, children: await build(index.childrenOf(node.id)) });
        } else {
          const { id, name, parentId: _parentId, kind: _kind, ...fields } = node;
          out.push({ kind: 'site', name, fields, password: await secret(id, 'password'), keyPassphrase: await secret(id, 'key-passphrase') });
        }
      }
      return out;
    };
    return { nodes: await build(roots), notes };
  }

  /** How to connect to site `id` (password decrypted; main process only). Throws `LOCKED` / `NOT_FOUND`. */
  connectionOptionsFor(id: string): Promise<ConnectionPlan> {
    const site = requireSite(this.store.data, id);
    return planConnection(site, pathOf(this.store.data, id), this.vault);
  }

  /** Looks up `site:Folder/Name/path` (the `site:` prefix is optional). Throws `NOT_FOUND`. */
  resolveReference(reference: string): ResolvedSiteReference {
    const body = parseSiteReference(reference)?.body ?? reference;
    return resolveSiteReference(this.store.data, body);
  }

  /** {@link resolveReference} and {@link connectionOptionsFor} in one step, for the CLI. */
  async connectionForReference(reference: string): Promise<ResolvedConnection> {
    const resolved = this.resolveReference(reference);
    return { ...resolved, plan: await this.connectionOptionsFor(resolved.site.id) };
  }

  /** Drops secrets whose site no longer exists. */
  private async forgetOrphanSecrets(): Promise<void> {
    const known = new Set(secretsOf(this.store.data.sites.map((s) => s.id)));
    const orphans = this.vault.names().filter((name) => name.startsWith('site:') && !known.has(name));
    if (orphans.length > 0) await this.vault.save(Object.fromEntries(orphans.map((name) => [name, null])));
  }
}

function secretsOf(siteIds: readonly string[]): string[] {
  return siteIds.flatMap((id) => SECRET_SLOTS.map((slot) => secretName(id, slot)));
}

function clearAll(names: SecretChanges | readonly string[]): SecretChanges {
  const list = Array.isArray(names) ? names : Object.keys(names);
  return Object.fromEntries(list.map((name) => [name, null]));
}

/** The stored folder or site with `id` (already known to exist), to change in a draft. */
function storedNode(document: SitesDocument, id: string): StoredFolder | StoredSite {
  return (document.folders.find((f) => f.id === id) ?? document.sites.find((s) => s.id === id))!;
}
