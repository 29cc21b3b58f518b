/**
 * sites.json: the tree of folders and sites, without a single secret (those
 * live in secrets.json). Format 1.
 */
import path from 'node:path';
import * as z from 'zod';
import { ItemName, NodeId, SiteFields } from '../../shared/contract/sites';
import type { JsonFileSpec, Migration } from './storage/json-store';

/** A folder as stored. */
export const StoredFolder = z.object({ id: NodeId, name: ItemName, parentId: NodeId.nullable() }).strict();
export type StoredFolder = z.infer<typeof StoredFolder>;

/** A site as stored: its fields, name and place in the tree. */
export const StoredSite = SiteFields.extend({ id: NodeId, name: ItemName, parentId: NodeId.nullable() }).strict();
export type StoredSite = z.infer<typeof StoredSite>;

/** The whole document. Ids are unique across folders and sites. */
export const SitesDocument = z
  .object({
    version: z.literal(1),
    folders: z.array(StoredFolder),
    sites: z.array(StoredSite),
  })
  .strict()
  .superRefine((document, context) => {
    const seen = new Set<string>();
    for (const node of [...document.folders, ...document.sites]) {
      if (seen.has(node.id)) context.addIssue({ code: 'custom', message: `the id ${node.id} is used twice` });
      seen.add(node.id);
    }
  });
export type SitesDocument = z.infer<typeof SitesDocument>;

/**
 * Conversions of older formats, keyed by the format they convert from. There
 * is none yet: format 1 is the first. When format 2 arrives, add
 * `1: (document) => …` here and bump {@link SITES_FORMAT}.
 */
const SITES_MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** The format this Ferry writes. */
export const SITES_FORMAT = 1;

/** The file spec of `DATA_DIR/sites.json`. */
export function sitesFileSpec(dataDir: string): JsonFileSpec<SitesDocument> {
  return {
    file: path.join(dataDir, 'sites.json'),
    label: 'sites',
    version: SITES_FORMAT,
    schema: SitesDocument,
    migrations: SITES_MIGRATIONS,
    empty: () => ({ version: 1, folders: [], sites: [] }),
  };
}

/** A new site's fields: FileZilla's defaults, except that TLS is required. */
export const DEFAULT_SITE_FIELDS: SiteFields = {
  protocol: 'ftp',
  encryption: 'require-explicit',
  host: '',
  port: null,
  logonType: 'normal',
  user: '',
  account: '',
  keyFile: '',
  localFolder: '',
  remoteFolder: '',
  transferMode: 'default',
  connectionLimit: 0,
  charset: 'auto',
  timeOffsetMinutes: 0,
  colour: 'none',
  comments: '',
  bookmarks: [],
  syncBrowsing: false,
  uploadToTemporaryName: false,
};

/** The port a site uses: its own, or the protocol's default (21, 990 for implicit TLS, 22). */
export function effectivePort(fields: Pick<SiteFields, 'protocol' | 'encryption' | 'port'>): number {
  if (fields.port !== null) return fields.port;
  if (fields.protocol === 'sftp') return 22;
  return fields.encryption === 'implicit' ? 990 : 21;
}
