/**
 * The flags of `ferry sites …`: parsing them per subcommand, and turning the
 * ones of `add` and `edit` into site fields. A wrong flag or value is a
 * {@link SitesUsageError} (exit code 2); what the service then refuses
 * (a host with spaces, an unknown charset) is an ordinary error (exit 1).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Encryption, LogonType, Protocol, TransferMode, type SiteFields } from '../../../shared/contract/sites';

/** The command line of `ferry sites` was wrong: the dispatcher prints the usage and exits 2. */
export class SitesUsageError extends Error {}

/** Flags every `ferry sites` subcommand understands. */
const COMMON_OPTIONS = {
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flags of `add` and `edit` that describe the site. */
export const SITE_FIELD_OPTIONS = {
  host: { type: 'string' },
  protocol: { type: 'string' },
  encryption: { type: 'string' },
  port: { type: 'string' },
  logon: { type: 'string' },
  user: { type: 'string' },
  account: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'ask-password': { type: 'boolean' },
  key: { type: 'string' },
  'remote-dir': { type: 'string' },
  'local-dir': { type: 'string' },
  'transfer-mode': { type: 'string' },
  limit: { type: 'string' },
  charset: { type: 'string' },
  comment: { type: 'string' },
} as const;

type OptionTable = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** The values parsed for a table of options: a string or a boolean each, absent when not given. */
export type ParsedFlags<T extends OptionTable> = {
  [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean;
};

/** Parses one subcommand's arguments with its own flags (plus -v and -h); unknown flags are usage errors. */
export function parseSiteArgs<const T extends OptionTable>(
  args: readonly string[],
  options: T,
): { values: ParsedFlags<typeof COMMON_OPTIONS & T>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { values: values as ParsedFlags<typeof COMMON_OPTIONS & T>, positionals };
  } catch (error) {
    throw new SitesUsageError((error as Error).message);
  }
}

/** The values of {@link SITE_FIELD_OPTIONS} as parsed. */
export type SiteFieldFlags = ParsedFlags<typeof SITE_FIELD_OPTIONS>;

/**
 * The fields the flags set, and only those (an `edit` changes nothing else).
 * The logon type is left to {@link logonTypeFor}. Local paths are made
 * absolute: a saved site is used from any working folder.
 */
export function fieldsFromFlags(flags: SiteFieldFlags): Partial<SiteFields> {
  const fields: Partial<SiteFields> = {};
  if (flags.host !== undefined) fields.host = flags.host.trim();
  if (flags.protocol !== undefined) fields.protocol = choice(Protocol.options, flags.protocol, '--protocol');
  if (flags.encryption !== undefined) {
    if (fields.protocol === 'sftp') throw new SitesUsageError('--encryption is for FTP sites; SFTP is always encrypted.');
    fields.encryption = choice(Encryption.options, flags.encryption, '--encryption');
  }
  if (flags.port !== undefined) fields.port = flags.port === 'default' ? null : integer(flags.port, 1, 65535, '--port', ' (or "default")');
  if (flags.user !== undefined) fields.user = flags.user;
  if (flags.account !== undefined) fields.account = flags.account;
  if (flags.key !== undefined) fields.keyFile = flags.key === '' ? '' : path.resolve(flags.key);
  if (flags['remote-dir'] !== undefined) fields.remoteFolder = flags['remote-dir'];
  if (flags['local-dir'] !== undefined) fields.localFolder = flags['local-dir'] === '' ? '' : path.resolve(flags['local-dir']);
  if (flags['transfer-mode'] !== undefined) fields.transferMode = choice(TransferMode.options, flags['transfer-mode'], '--transfer-mode');
  if (flags.limit !== undefined) fields.connectionLimit = integer(flags.limit, 0, 10, '--limit', ' (0: the global setting)');
  if (flags.charset !== undefined) fields.charset = flags.charset;
  if (flags.comment !== undefined) fields.comments = flags.comment;
  return fields;
}

/** True when the flags ask to save a new password. */
export function wantsPassword(flags: SiteFieldFlags): boolean {
  if (flags['password-stdin'] && flags['ask-password']) throw new SitesUsageError('Choose --password-stdin or --ask-password, not both.');
  return !!(flags['password-stdin'] || flags['ask-password']);
}

/**
 * The logon type after `add` or `edit`: `--logon` when given; otherwise what
 * the other flags imply, so that the common cases need no `--logon`:
 * a key file means key logon, a saved password means "normal", a user
 * without a password means "ask when connecting", and no user (FTP) means
 * anonymous. `current` is the site before an edit (`null` for add).
 */
export function logonTypeFor(flags: SiteFieldFlags, current: SiteFields | null, settingPassword: boolean): SiteFields['logonType'] | undefined {
  if (flags.logon !== undefined) {
    const chosen = choice(LogonType.options, flags.logon, '--logon');
    if (settingPassword && chosen !== 'normal') {
      throw new SitesUsageError(`A saved password needs --logon normal; "${chosen}" logon does not use one.`);
    }
    return chosen;
  }
  if (flags.key !== undefined && flags.key !== '') return 'key';
  if (current === null) {
    if (settingPassword) return 'normal';
    return flags.user ? 'ask' : 'anonymous';
  }
  // An edit keeps the logon type unless a password or a first user name says otherwise.
  if (settingPassword) return 'normal';
  if (current.logonType === 'anonymous' && flags.user) return 'ask';
  return undefined;
}

function choice<T extends string>(options: readonly T[], value: string, flag: string): T {
  if ((options as readonly string[]).includes(value)) return value as T;
  throw new SitesUsageError(`${flag} takes ${options.join(', ')}, not "${value}".`);
}

function integer(value: string, min: number, max: number, flag: string, extra = ''): number {
  const number = Number(value);
  if (/^\d+$/.test(value) && number >= min && number <= max) return number;
  throw new SitesUsageError(`${flag} takes a number from ${min} to ${max}${extra}, not "${value}".`);
}
