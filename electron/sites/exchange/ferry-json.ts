/**
 * Ferry's own export format: a JSON tree of folders and sites with every
 * field Ferry has, and passwords only when the user asked for them (then in
 * plain text: an export is meant to be carried to another machine).
 */
import * as z from 'zod';
import { ItemName, PasswordText, SiteFieldsPatch, type SiteFields, type TransferNote } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { DEFAULT_SITE_FIELDS } from '../sites-file';
import type { PortableNode, PortableTree } from './portable-tree';

/** The `format` marker of a Ferry export. */
const FORMAT = 'ferry-sites';
/** The version this Ferry writes and the newest it reads. */
const VERSION = 1;

interface ExportedFolder {
  kind: 'folder';
  name: string;
  children: ExportedNode[];
}
type ExportedNode = ExportedFolder | z.infer<typeof ExportedSite>;

const ExportedSite = z
  .object({
    kind: z.literal('site'),
    name: ItemName,
    /** Missing fields take the defaults, so a hand-written file can be short. */
    fields: SiteFieldsPatch,
    password: PasswordText.optional(),
    keyPassphrase: PasswordText.optional(),
  })
  .strict();

const ExportedFolder: z.ZodType<ExportedFolder> = z
  .object({
    kind: z.literal('folder'),
    name: ItemName,
    get children() {
      return z.array(ExportedNode);
    },
  })
  .strict();

const ExportedNode: z.ZodType<ExportedNode> = z.union([ExportedFolder, ExportedSite]);

const ExportDocument = z
  .object({
    format: z.literal(FORMAT),
    version: z.number().int().min(1),
    exportedAt: z.string().optional(),
    items: z.array(ExportedNode),
  })
  .strict();

/** Writes `nodes` as a Ferry export. */
export function writeFerrySites(nodes: readonly PortableNode[], now = new Date()): string {
  const toExported = (node: PortableNode): ExportedNode => {
    if (node.kind === 'folder') return { kind: 'folder', name: node.name, children: node.children.map(toExported) };
    return {
      kind: 'site',
      name: node.name,
      fields: node.fields,
      ...(node.password !== null ? { password: node.password } : {}),
      ...(node.keyPassphrase !== null ? { keyPassphrase: node.keyPassphrase } : {}),
    };
  };
  const document = { format: FORMAT, version: VERSION, exportedAt: now.toISOString(), items: nodes.map(toExported) };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Reads a Ferry export. Throws `INVALID_INPUT` saying what is wrong. */
export function readFerrySites(text: string): PortableTree {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FerryError('INVALID_INPUT', `The file is not valid JSON: ${(error as Error).message}`);
  }
  const marker = (document as { format?: unknown; version?: unknown } | null) ?? {};
  if (marker.format !== FORMAT) throw new FerryError('INVALID_INPUT', 'This JSON file is not a Ferry site export.');
  if (typeof marker.version === 'number' && marker.version > VERSION) {
    throw new FerryError('INVALID_INPUT', `A newer version of Ferry wrote this export (format ${marker.version}); update Ferry to import it.`);
  }
  const parsed = ExportDocument.safeParse(document);
  if (!parsed.success) {
    throw new FerryError('INVALID_INPUT', 'The Ferry export is not valid.', z.prettifyError(parsed.error));
  }
  const notes: TransferNote[] = [];
  const toPortable = (node: ExportedNode): PortableNode => {
    if (node.kind === 'folder') return { kind: 'folder', name: node.name, children: node.children.map(toPortable) };
    const fields: SiteFields = { ...DEFAULT_SITE_FIELDS, ...node.fields };
    return { kind: 'site', name: node.name, fields, password: node.password ?? null, keyPassphrase: node.keyPassphrase ?? null };
  };
  return { nodes: parsed.data.items.map(toPortable), notes };
}
