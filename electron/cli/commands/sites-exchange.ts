/**
 * `ferry sites import` and `ferry sites export`: FileZilla's sitemanager.xml
 * or Ferry's JSON, to and from a file the user names.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ExchangeFormat } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { writeSiteFile, type SiteServices } from '../../sites';
import type { PortableNode } from '../../sites/exchange/portable-tree';
import { writeFileAtomic } from '../../sites/storage/atomic-file';
import type { CliContext } from '../connect';
import { SitesUsageError } from './site-flags';
import { findNode, ensureFolder, splitSiteArgument } from './site-lookup';
import { withUnlockedSecrets } from './secret-input';
import { formatImportReport, formatNotes, plural } from './sites-format';

/** What import and export need: the services, the context (for the master password) and stdout. */
export interface ExchangeRun {
  services: SiteServices;
  context: CliContext;
  print: (text: string) => void;
}

/**
 * Imports `file` (format detected from its first character unless given)
 * into `folder` (created when missing; the top level when omitted) and prints
 * the report.
 */
export async function importSites(run: ExchangeRun, file: string, options: { folder?: string; format?: string }): Promise<void> {
  const format = options.format === undefined || options.format === 'auto' ? 'auto' : exchangeFormat(options.format);
  // Read the file before creating the folder, so a missing file leaves nothing behind.
  await fs.access(file);
  const into = options.folder === undefined ? { id: null, created: [] } : await ensureFolder(run.services, splitSiteArgument(options.folder, true));
  const report = await withUnlockedSecrets(run.services.secrets, run.context, () => run.services.importSiteFile(file, format, into.id));
  // The folder named by --folder counts as imported when this import created it.
  for (const line of formatImportReport({ ...report, folders: report.folders + into.created.length }, file)) run.print(line);
}

/**
 * Writes the sites (all, or the `items` named) to `file`. A file with
 * passwords is created readable by its owner only (0600) and never replaces
 * an existing file unless `force`.
 */
export async function exportSites(
  run: ExchangeRun,
  file: string,
  items: readonly string[],
  options: { format?: string; withPasswords: boolean; force: boolean },
): Promise<void> {
  const format = options.format === undefined ? formatFromName(file) : exchangeFormat(options.format);
  const tree = run.services.sites.tree();
  const ids = items.length === 0 ? undefined : items.map((item) => findNode(tree, item).id);
  const portable = await withUnlockedSecrets(run.services.secrets, run.context, () => run.services.sites.exportTree(ids, options.withPasswords));
  const written = writeSiteFile(portable.nodes, format);
  await writeExportFile(file, written.content, { private: options.withPasswords, force: options.force });
  const counts = countPortable(portable.nodes);
  const passwords = options.withPasswords
    ? counts.passwords > 0
      ? `; ${plural(counts.passwords, 'password')} in plain text: keep this file private`
      : '; no saved password could be included'
    : '';
  run.print(`Exported ${plural(counts.sites, 'site')} in ${plural(counts.folders, 'folder')} to ${file} (${format === 'filezilla' ? 'FileZilla' : 'Ferry'} format)${passwords}.`);
  for (const line of formatNotes([...portable.notes, ...written.notes])) run.print(line);
}

/**
 * Writes an export. Security: with passwords the file is created 0600 from
 * the first byte (never widened afterwards), and `wx` refuses an existing
 * file or a planted symlink; `--force` replaces the file by an atomic rename,
 * so the new file has exactly the new mode.
 */
async function writeExportFile(file: string, content: string, options: { private: boolean; force: boolean }): Promise<void> {
  const mode = options.private ? 0o600 : 0o644;
  if (options.force) {
    await writeFileAtomic(path.resolve(file), content, mode);
    return;
  }
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new FerryError('EEXIST', `${file} already exists. Choose another name, or add --force to replace it.`);
    }
    throw error;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(file, { force: true });
    throw error;
  }
  await handle.close();
}

/** `.xml` means FileZilla's format; anything else Ferry's JSON. */
function formatFromName(file: string): ExchangeFormat {
  return path.extname(file).toLowerCase() === '.xml' ? 'filezilla' : 'ferry';
}

function exchangeFormat(value: string): ExchangeFormat {
  const parsed = ExchangeFormat.safeParse(value);
  if (!parsed.success) throw new SitesUsageError(`--format takes ${ExchangeFormat.options.join(' or ')}, not "${value}".`);
  return parsed.data;
}

function countPortable(nodes: readonly PortableNode[]): { sites: number; folders: number; passwords: number } {
  const counts = { sites: 0, folders: 0, passwords: 0 };
  const walk = (list: readonly PortableNode[]): void => {
    for (const node of list) {
      if (node.kind === 'folder') {
        counts.folders++;
        walk(node.children);
      } else {
        counts.sites++;
        if (node.password !== null) counts.passwords++;
      }
    }
  };
  walk(nodes);
  return counts;
}
