/** Picks the reader or writer for a site file: FileZilla's XML or Ferry's JSON. */
import type { ExchangeFormat, TransferNote } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { readFerrySites, writeFerrySites } from './ferry-json';
import { readFileZillaSites } from './filezilla/import';
import { writeFileZillaSites } from './filezilla/export';
import type { PortableNode, PortableTree } from './portable-tree';

/** The biggest site file Ferry reads (FileZilla files of thousands of sites are a few MB). */
export const MAX_SITE_FILE_BYTES = 20 * 1024 * 1024;

/** The format of `content`, by its first character: `<` is FileZilla's XML, `{` is Ferry's JSON. */
export function detectFormat(content: string): ExchangeFormat {
  const first = content.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '<') return 'filezilla';
  if (first === '{') return 'ferry';
  throw new FerryError('INVALID_INPUT', 'This is neither a FileZilla site manager file (XML) nor a Ferry site export (JSON).');
}

/** Reads a site file in `format` (or the detected one). */
export function readSiteFile(content: string, format: ExchangeFormat | 'auto' = 'auto'): PortableTree {
  const chosen = format === 'auto' ? detectFormat(content) : format;
  return chosen === 'filezilla' ? readFileZillaSites(content) : readFerrySites(content.replace(/^\uFEFF/, ''));
}

/** A written site file. */
export interface WrittenSiteFile {
  content: string;
  /** The usual name for such a file. */
  fileName: string;
  notes: TransferNote[];
}

/** Writes `nodes` in `format`. */
export function writeSiteFile(nodes: readonly PortableNode[], format: ExchangeFormat): WrittenSiteFile {
  if (format === 'filezilla') return { ...writeFileZillaSites(nodes), fileName: 'sitemanager.xml' };
  return { content: writeFerrySites(nodes), fileName: 'ferry-sites.json', notes: [] };
}
