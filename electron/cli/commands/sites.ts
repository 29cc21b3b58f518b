/**
 * `ferry sites …`: the site manager on the command line, over the same
 * services and data folder as the app. A saved site is then used anywhere a
 * URL goes, as `site:Folder/Name/path`.
 *
 * Exit codes as for every command: 0 done, 1 failed (one line on stderr),
 * 2 the command line was wrong (the usage follows).
 */
import fs from 'node:fs/promises';
import { toApiError } from '../../api/errors';
import type { SecretChange, SiteFields } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { joinSitePath, type SiteServices } from '../../sites';
import type { CliContext } from '../connect';
import { askSitePassword, MASTER_PASSWORD_ENV, readPasswordFromInput, unlockSecrets } from './secret-input';
import {
  fieldsFromFlags,
  logonTypeFor,
  parseSiteArgs,
  SITE_FIELD_OPTIONS,
  SitesUsageError,
  wantsPassword,
  type SiteFieldFlags,
} from './site-flags';
import { countInside, ensureFolder, findFolder, findNode, findSite, nodeAt, splitSiteArgument } from './site-lookup';
import { changeMasterPassword } from './master-password';
import { exportSites, importSites, type ExchangeRun } from './sites-exchange';
import { formatSite, formatSiteTree, hostAndPort, plural, protocolLabel } from './sites-format';

/** Usage of `ferry sites`, shown by `ferry sites help` and after a wrong command line. */
export const SITES_USAGE = `Usage: ferry sites <command> [options]

Commands:
  list [FOLDER] [--json]          the saved sites and folders (never a password)
  show SITE [--json]              every field of one site
  add SITE --host H [fields]      save a new site (SITE: Name or Folder/Name)
  edit SITE [fields]              change only the fields given
  rm SITE|FOLDER [-r]             delete a site, or a folder with -r
  mkdir FOLDER                    create a folder (and the folders above it)
  mv SITE|FOLDER FOLDER           move into another folder ("/" for the top level)
  rename SITE|FOLDER NEWNAME      rename
  import FILE [--folder F]        import FileZilla's sitemanager.xml or a Ferry export
  export FILE [SITE…] [--format filezilla|ferry] [--with-passwords] [--force]
                                  write the sites (all, or those named) to FILE
  master-password [--remove [--forget-saved-passwords]]
                                  set, change or remove the master password

Fields (add and edit):
  --host H  --port N|default  --user U  --account A  --comment TEXT
  --protocol ftp|sftp
  --encryption require-explicit|explicit-if-available|implicit|plain   (FTP; default require-explicit)
  --logon anonymous|normal|ask|interactive|key   (usually implied by the flags below)
  --password-stdin                read the password from standard input (e.g. a pipe)
  --ask-password                  type the password on the terminal (not echoed)
  --clear-password                forget the saved password (edit)
  --key FILE                      SSH private key: key file logon (sftp)
  --folder PATH                   the folder to add into; missing folders are created
  --remote-dir D  --local-dir D   the folders to open when connecting
  --transfer-mode default|passive|active   --limit N (connections, 0-10)   --charset C

A password is never given as an argument: it would be kept in the shell's history and
shown to every user by ps. Pipe it with --password-stdin or type it with --ask-password.
Without the system keyring (the command line has none), passwords are saved only under a
master password. When one is set, saved passwords are locked: Ferry asks for the master
password on a terminal; scripts set ${MASTER_PASSWORD_ENV}.

SITE is a path from the top (Work/Clients/Shop; write \\/ for a "/" in a name) or a name that
occurs once. Use a saved site anywhere a URL goes: ferry ls site:Work/Shop/var/www/`;

/** What a subcommand works with. */
/** What every `ferry sites` subcommand works with (the same as an import or export). */
type SitesRun = ExchangeRun;

type Subcommand = (args: string[], run: SitesRun) => Promise<void>;

/** Runs `ferry sites ARGS…` (the words after `sites`); resolves to the exit code. Never throws. */
export async function runSites(argv: readonly string[], context: CliContext, print: (text: string) => void): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '-h' || name === '--help') {
    if (name === undefined) context.stderr.write(`${SITES_USAGE}\n`);
    else print(SITES_USAGE);
    return name === undefined ? 2 : 0;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) {
    context.stderr.write(`ferry: unknown sites command "${name}".\n\n${SITES_USAGE}\n`);
    return 2;
  }
  if (args.includes('-h') || args.includes('--help')) {
    print(SITES_USAGE);
    return 0;
  }
  try {
    const services = context.sites;
    if (!services) throw new FerryError('UNSUPPORTED', 'Saved sites are not available here.');
    for (const problem of services.problems()) context.stderr.write(`warning: ${problem.message} (kept as ${problem.keptAs})\n`);
    await subcommand(args, { services, context, print });
    return 0;
  } catch (error) {
    if (error instanceof SitesUsageError) {
      context.stderr.write(`ferry sites ${name}: ${error.message}\n\n${SITES_USAGE}\n`);
      return 2;
    }
    const { message, detail } = toApiError(error);
    const verbose = args.includes('-v') || args.includes('--verbose');
    context.stderr.write(`ferry: ${message}${detail && verbose ? ` (${detail})` : ''}\n`);
    return 1;
  }
}

function needPositionals(positionals: string[], count: number, what: string): void {
  if (positionals.length !== count) throw new SitesUsageError(`expected ${what}.`);
}

/** Refuses a key file that is not there now: a typo would otherwise surface only when connecting. */
async function checkKeyFile(keyFile: string | undefined): Promise<void> {
  if (!keyFile) return;
  const info = await fs.stat(keyFile).catch(() => null);
  if (!info?.isFile()) throw new FerryError('ENOENT', `There is no key file at ${keyFile}.`);
}

/**
 * The new password the flags ask for, or `undefined`. Saved passwords are
 * unlocked first (and the vault asked whether it can save at all), so the
 * user never types a password that then cannot be kept.
 */
async function newPassword(flags: SiteFieldFlags, run: SitesRun, sitePath: string): Promise<string | undefined> {
  if (!wantsPassword(flags)) return undefined;
  const vault = run.services.secrets;
  await unlockSecrets(vault, run.context);
  const cannotSave = vault.whyCannotSave();
  if (cannotSave !== null) throw new FerryError('UNSUPPORTED', cannotSave);
  return flags['password-stdin'] ? readPasswordFromInput(run.context.io.input) : askSitePassword(run.context.io, sitePath);
}

/** `ftpes alice@host:21` for the success lines. */
function connectionSummary(site: Pick<SiteFields, 'protocol' | 'encryption' | 'host' | 'user'> & { effectivePort: number }): string {
  return `${protocolLabel(site.protocol, site.encryption)} ${site.user ? `${site.user}@` : ''}${hostAndPort(site.host, site.effectivePort)}`;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  async 'master-password'(args, { services, context, print }) {
    const { values, positionals } = parseSiteArgs(args, { remove: { type: 'boolean' }, 'forget-saved-passwords': { type: 'boolean' } });
    needPositionals(positionals, 0, 'no names');
    print(
      await changeMasterPassword(services.secrets, context.io, context.env, {
        remove: !!values.remove,
        forgetSavedPasswords: !!values['forget-saved-passwords'],
      }),
    );
  },
  async list(args, { services, print }) {
    const { values, positionals } = parseSiteArgs(args, { json: { type: 'boolean' } });
    if (positionals.length > 1) throw new SitesUsageError('expected at most one folder.');
    const tree = services.sites.tree();
    let nodes = tree.children;
    if (positionals.length === 1) {
      const folder = findNode(tree, positionals[0]!);
      if (folder.kind !== 'folder') throw new FerryError('ENOTDIR', `${folder.path} is a site; "ferry sites show ${folder.path}" shows it.`);
      nodes = folder.children;
    }
    if (values.json) print(JSON.stringify(positionals.length === 1 ? nodes : tree, null, 2));
    else if (nodes.length === 0) print('No saved sites here. Add one with: ferry sites add NAME --host HOST');
    else print(formatSiteTree(nodes).join('\n'));
  },

  async show(args, { services, print }) {
    const { values, positionals } = parseSiteArgs(args, { json: { type: 'boolean' } });
    needPositionals(positionals, 1, 'one site');
    const tree = services.sites.tree();
    const node = findNode(tree, positionals[0]!);
    if (node.kind === 'folder') {
      // A folder has no fields of its own: show what is in it.
      if (values.json) print(JSON.stringify({ kind: 'folder', id: node.id, name: node.name, path: node.path, children: node.children }, null, 2));
      else print([`${node.path}/`, ...formatSiteTree(node.children, 1)].join('\n'));
      return;
    }
    const site = services.sites.get(node.id);
    print(values.json ? JSON.stringify(site, null, 2) : formatSite(site));
  },

  async add(args, run) {
    const { values, positionals } = parseSiteArgs(args, { ...SITE_FIELD_OPTIONS, folder: { type: 'string' } });
    needPositionals(positionals, 1, 'the name of the new site');
    if (values.host === undefined || values.host.trim() === '') throw new SitesUsageError('--host is required.');
    const names = [...(values.folder === undefined ? [] : splitSiteArgument(values.folder, true)), ...splitSiteArgument(positionals[0]!)];
    const name = names.pop()!;
    const fields = fieldsFromFlags(values);
    const settingPassword = wantsPassword(values);
    fields.logonType = logonTypeFor(values, null, settingPassword);
    if (fields.protocol === 'sftp' && fields.logonType === 'anonymous') {
      throw new SitesUsageError('An SFTP site needs --user (SFTP has no anonymous logon).');
    }
    await checkKeyFile(fields.keyFile);
    const { services, context, print } = run;
    const fullPath = [...names, name];
    const existing = nodeAt(services.sites.tree(), fullPath);
    if (existing) throw new FerryError('CONFLICT', `There is already a ${existing.kind} ${existing.path}. Change it with: ferry sites edit ${existing.path}`);
    const password = await newPassword(values, run, joinSitePath(fullPath));
    const parent = await ensureFolder(services, names);
    const saved = await services.sites.create({ parentId: parent.id, name, fields, ...(password === undefined ? {} : { password }) });
    const site = saved.site;
    print(`Added site ${site.path} (${connectionSummary(site)})${site.hasPassword ? ', password saved' : ''}.`);
    if (parent.created.length > 0) print(`Created ${plural(parent.created.length, 'folder')}: ${parent.created.join(', ')}.`);
    if (saved.notice) context.stderr.write(`warning: ${saved.notice}\n`);
  },

  async edit(args, run) {
    const { values, positionals } = parseSiteArgs(args, { ...SITE_FIELD_OPTIONS, 'clear-password': { type: 'boolean' } });
    needPositionals(positionals, 1, 'one site');
    const fields = fieldsFromFlags(values);
    const settingPassword = wantsPassword(values);
    if (settingPassword && values['clear-password']) throw new SitesUsageError('Choose a new password or --clear-password, not both.');
    if (Object.keys(fields).length === 0 && values.logon === undefined && !settingPassword && !values['clear-password']) {
      throw new SitesUsageError('nothing to change: give the fields to change, e.g. --host or --password-stdin.');
    }
    const { services, context, print } = run;
    const node = findSite(services.sites.tree(), positionals[0]!);
    const current = services.sites.get(node.id);
    if (values.encryption !== undefined && (fields.protocol ?? current.protocol) === 'sftp') {
      throw new SitesUsageError('--encryption is for FTP sites; SFTP is always encrypted.');
    }
    const logonType = logonTypeFor(values, current, settingPassword);
    if (logonType !== undefined && logonType !== current.logonType) fields.logonType = logonType;
    await checkKeyFile(fields.keyFile);
    let passwordChange: SecretChange | undefined;
    if (values['clear-password']) passwordChange = { action: 'clear' };
    const password = await newPassword(values, run, node.path);
    if (password !== undefined) passwordChange = { action: 'set', value: password };
    const saved = await services.sites.update({ id: node.id, fields, ...(passwordChange ? { password: passwordChange } : {}) });
    const changed = [...Object.keys(fields), ...(passwordChange ? [passwordChange.action === 'set' ? 'password saved' : 'password forgotten'] : [])];
    print(`Changed site ${saved.site.path} (${connectionSummary(saved.site)}): ${changed.length > 0 ? changed.join(', ') : 'nothing was different'}.`);
    if (saved.notice) context.stderr.write(`warning: ${saved.notice}\n`);
  },

  async rm(args, { services, print }) {
    const { values, positionals } = parseSiteArgs(args, { recursive: { type: 'boolean', short: 'r' } });
    needPositionals(positionals, 1, 'one site or folder');
    const node = findNode(services.sites.tree(), positionals[0]!);
    if (node.kind === 'site') {
      await services.sites.remove(node.id);
      print(`Deleted site ${node.path}.`);
      return;
    }
    const inside = countInside(node);
    if (node.children.length > 0 && !values.recursive) {
      throw new FerryError(
        'EISDIR',
        `${node.path} is a folder with ${plural(inside.sites, 'site')} and ${plural(inside.folders, 'folder')} in it; use -r to delete it and everything in it.`,
      );
    }
    await services.sites.remove(node.id);
    print(`Deleted folder ${node.path}${inside.sites + inside.folders > 0 ? ` with ${plural(inside.sites, 'site')} and ${plural(inside.folders, 'folder')}` : ''}.`);
  },

  async mkdir(args, { services, print }) {
    const { positionals } = parseSiteArgs(args, {});
    needPositionals(positionals, 1, 'one folder');
    const names = splitSiteArgument(positionals[0]!);
    const { created } = await ensureFolder(services, names);
    if (created.length === 0) throw new FerryError('EEXIST', `The folder ${positionals[0]} already exists.`);
    print(`Created folder ${created.at(-1)}${created.length > 1 ? ` (and ${created.slice(0, -1).join(', ')})` : ''}.`);
  },

  async mv(args, { services, print }) {
    const { positionals } = parseSiteArgs(args, {});
    needPositionals(positionals, 2, 'a site or folder, and the folder to move it into');
    const tree = services.sites.tree();
    const node = findNode(tree, positionals[0]!);
    const targetNames = splitSiteArgument(positionals[1]!, true);
    const folderId = findFolder(tree, targetNames);
    await services.sites.move(node.id, folderId);
    const moved = nodeAt(services.sites.tree(), [...targetNames, node.name]);
    print(`Moved ${node.path} to ${moved?.path ?? joinSitePath([...targetNames, node.name])}.`);
  },

  async rename(args, { services, print }) {
    const { positionals } = parseSiteArgs(args, {});
    needPositionals(positionals, 2, 'a site or folder, and its new name');
    const node = findNode(services.sites.tree(), positionals[0]!);
    const newNames = splitSiteArgument(positionals[1]!);
    if (newNames.length !== 1) throw new SitesUsageError(`the new name is one name, not a path; "ferry sites mv" moves into another folder.`);
    await services.sites.rename(node.id, newNames[0]!);
    print(`Renamed ${node.path} to ${newNames[0]}.`);
  },

  async import(args, run) {
    const { values, positionals } = parseSiteArgs(args, { folder: { type: 'string' }, format: { type: 'string' } });
    needPositionals(positionals, 1, 'the file to import');
    await importSites(run, positionals[0]!, values);
  },

  async export(args, run) {
    const { values, positionals } = parseSiteArgs(args, {
      format: { type: 'string' },
      'with-passwords': { type: 'boolean' },
      force: { type: 'boolean' },
    });
    if (positionals.length < 1) throw new SitesUsageError('expected the file to write, and optionally the sites or folders to export.');
    await exportSites(run, positionals[0]!, positionals.slice(1), {
      ...(values.format === undefined ? {} : { format: values.format }),
      withPasswords: !!values['with-passwords'],
      force: !!values.force,
    });
  },
};
