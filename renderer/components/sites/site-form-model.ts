/**
 * The site details form as data: a {@link Site} turned into what the inputs
 * hold (numbers as typed text, secrets as "keep / set / clear"), which fields
 * apply to the chosen protocol and logon type, validation that mirrors the
 * contract's schema with messages in plain words, and the `sites.update`
 * request the form saves as.
 */
import {
  SiteFields,
  type Bookmark,
  type Encryption,
  type LogonType,
  type Protocol,
  type SecretChange,
  type Site,
  type SiteColour,
  type TransferMode,
} from '../../../shared/contract/sites';
import { describeIssue, formErrorsOf, type FieldErrors, type FormErrors } from './api-errors';

/** What the user did to a write-only secret: nothing, typed a new one, or asked to clear it. */
export type SecretEdit = { action: 'keep' } | { action: 'clear' } | { action: 'set'; value: string };

/** Every input of the site form. Numbers stay text until saved so a half-typed value is not lost. */
export interface SiteForm {
  protocol: Protocol;
  encryption: Encryption;
  host: string;
  /** Empty: the protocol's default port. */
  port: string;
  logonType: LogonType;
  user: string;
  password: SecretEdit;
  account: string;
  keyFile: string;
  keyPassphrase: SecretEdit;
  localFolder: string;
  remoteFolder: string;
  transferMode: TransferMode;
  /** 0: the global setting. */
  connectionLimit: number;
  charset: string;
  /** `+1:30`, `-5:00`, `0:00`. */
  timeOffset: string;
  colour: SiteColour;
  comments: string;
  bookmarks: Bookmark[];
  syncBrowsing: boolean;
  uploadToTemporaryName: boolean;
}

/** A field of the form that can carry an error (bookmarks as `bookmarks.0.name`). */
export type SiteFormField = keyof SiteForm | `bookmarks.${number}.${keyof Bookmark}`;

/** The port a protocol uses when none is set: 21, 990 for implicit TLS, 22 for SFTP. */
export function defaultPort(protocol: Protocol, encryption: Encryption): number {
  if (protocol === 'sftp') return 22;
  return encryption === 'implicit' ? 990 : 21;
}

/** The logon types a protocol offers: key files are SFTP's, anonymous logon is FTP's. */
export function logonTypesFor(protocol: Protocol): LogonType[] {
  return protocol === 'sftp' ? ['normal', 'ask', 'interactive', 'key'] : ['anonymous', 'normal', 'ask', 'interactive'];
}

/** The fields that apply to the form's protocol and logon type; the others are hidden. */
export function applicableFields(form: Pick<SiteForm, 'protocol' | 'logonType'>): ReadonlySet<keyof SiteForm> {
  const ftp = form.protocol === 'ftp';
  const anonymous = form.logonType === 'anonymous';
  const fields: (keyof SiteForm)[] = [
    'protocol',
    'host',
    'port',
    'logonType',
    'localFolder',
    'remoteFolder',
    'connectionLimit',
    'charset',
    'timeOffset',
    'colour',
    'comments',
    'bookmarks',
    'syncBrowsing',
    'uploadToTemporaryName',
  ];
  if (ftp) fields.push('encryption', 'transferMode');
  if (!anonymous) fields.push('user');
  if (ftp && !anonymous) fields.push('account');
  if (form.logonType === 'normal') fields.push('password');
  if (form.logonType === 'key') fields.push('keyFile', 'keyPassphrase');
  return new Set(fields);
}

/** Switches protocol, keeping the logon type when the new protocol offers it. */
export function withProtocol(form: SiteForm, protocol: Protocol): SiteForm {
  const logonType = logonTypesFor(protocol).includes(form.logonType) ? form.logonType : 'normal';
  return { ...form, protocol, logonType };
}

/** Minutes → `+1:30` / `-0:45` / `0:00`. */
export function formatTimeOffset(minutes: number): string {
  if (minutes === 0) return '0:00';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/** `+1:30`, `-2`, `0:45`, `90m`… → minutes, or `null` when it is not a time offset. Empty means 0. */
export function parseTimeOffset(text: string): number | null {
  const trimmed = text.trim().replace('−', '-');
  if (trimmed === '') return 0;
  const match = /^([+-])?(\d{1,2})(?::([0-5]\d))?$/.exec(trimmed);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** The form for a saved site. Secrets start as "keep": the form never holds a saved one. */
export function formFromSite(site: Site): SiteForm {
  return {
    protocol: site.protocol,
    encryption: site.encryption,
    host: site.host,
    port: site.port === null ? '' : String(site.port),
    logonType: site.logonType,
    user: site.user,
    password: { action: 'keep' },
    account: site.account,
    keyFile: site.keyFile,
    keyPassphrase: { action: 'keep' },
    localFolder: site.localFolder,
    remoteFolder: site.remoteFolder,
    transferMode: site.transferMode,
    connectionLimit: site.connectionLimit,
    charset: site.charset,
    timeOffset: formatTimeOffset(site.timeOffsetMinutes),
    colour: site.colour,
    comments: site.comments,
    bookmarks: site.bookmarks.map((b) => ({ ...b })),
    syncBrowsing: site.syncBrowsing,
    uploadToTemporaryName: site.uploadToTemporaryName,
  };
}

/** The port as a number, `null` for the default, or `undefined` when the text is not a whole number. */
function parsePort(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** What `sites.update` takes for this form. Call after {@link validateSiteForm} found nothing. */
export interface SiteUpdate {
  fields: SiteFields;
  password?: SecretChange;
  keyPassphrase?: SecretChange;
}

/** The form's fields as the contract stores them (text numbers parsed; unparsable ones become NaN and fail validation). */
export function fieldsFromForm(form: SiteForm): SiteFields {
  const port = parsePort(form.port);
  const offset = parseTimeOffset(form.timeOffset);
  return {
    protocol: form.protocol,
    encryption: form.encryption,
    host: form.host.trim(),
    port: port === undefined ? Number.NaN : port,
    logonType: form.logonType,
    user: form.user,
    account: form.account,
    keyFile: form.keyFile,
    localFolder: form.localFolder,
    remoteFolder: form.remoteFolder,
    transferMode: form.transferMode,
    connectionLimit: form.connectionLimit,
    charset: form.charset.trim(),
    timeOffsetMinutes: offset ?? Number.NaN,
    colour: form.colour,
    comments: form.comments,
    bookmarks: form.bookmarks.map((b) => ({ name: b.name.trim(), localFolder: b.localFolder, remoteFolder: b.remoteFolder })),
    syncBrowsing: form.syncBrowsing,
    uploadToTemporaryName: form.uploadToTemporaryName,
  };
}

/** The request that saves the form; secrets are sent only when the user changed them. */
export function updateFromForm(form: SiteForm): SiteUpdate {
  const update: SiteUpdate = { fields: fieldsFromForm(form) };
  const applies = applicableFields(form);
  if (applies.has('password') && form.password.action !== 'keep') update.password = secretChange(form.password);
  if (applies.has('keyPassphrase') && form.keyPassphrase.action !== 'keep') update.keyPassphrase = secretChange(form.keyPassphrase);
  return update;
}

function secretChange(edit: SecretEdit): SecretChange {
  return edit.action === 'set' ? { action: 'set', value: edit.value } : { action: edit.action };
}

/**
 * Problems with the form, by field, in plain words. Checks what the contract
 * checks (ranges, control characters, names) plus what saving needs: a host.
 * Fields that are hidden are not checked.
 */
export function validateSiteForm(form: SiteForm): FieldErrors {
  const errors: FieldErrors = {};
  const applies = applicableFields(form);
  if (form.host.trim() === '') errors.host = 'Enter the server’s host name or address.';
  const port = parsePort(form.port);
  if (port === undefined || (port !== null && (port < 1 || port > 65535))) errors.port = 'Enter a port from 1 to 65535, or leave it empty for the default.';
  if (parseTimeOffset(form.timeOffset) === null || Math.abs(parseTimeOffset(form.timeOffset)!) > 24 * 60) {
    errors.timeOffset = 'Enter hours and minutes from -24:00 to +24:00, such as +1:00 or -5:30.';
  }
  if (form.password.action === 'set' && form.password.value === '') errors.password = 'Type the password, or keep the saved one.';
  if (form.password.action === 'set' && form.password.value.includes('\0')) errors.password = 'A password cannot contain a NUL character.';
  if (form.logonType === 'key' && form.keyFile.trim() === '') errors.keyFile = 'Enter the path of the private key file.';

  // Everything else the contract checks, with its own messages.
  const parsed = SiteFields.safeParse(fieldsFromForm(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      if (field === null || errors[field] !== undefined) continue;
      const top = field.split('.')[0] as keyof SiteForm;
      if (!applies.has(top)) continue;
      errors[field] = describeIssue(issue);
    }
  }
  return errors;
}

/** The form field a contract path (`['port']`, `['bookmarks', 0, 'name']`) belongs to. */
export function fieldOfPath(path: readonly PropertyKey[]): SiteFormField | null {
  const [first, index, leaf] = path;
  if (first === 'timeOffsetMinutes') return 'timeOffset';
  if (first === 'bookmarks' && typeof index === 'number' && typeof leaf === 'string') return `bookmarks.${index}.${leaf as keyof Bookmark}`;
  if (typeof first === 'string' && first in EMPTY_FORM_KEYS) return first as keyof SiteForm;
  return null;
}

const EMPTY_FORM_KEYS: Record<keyof SiteForm, true> = {
  protocol: true,
  encryption: true,
  host: true,
  port: true,
  logonType: true,
  user: true,
  password: true,
  account: true,
  keyFile: true,
  keyPassphrase: true,
  localFolder: true,
  remoteFolder: true,
  transferMode: true,
  connectionLimit: true,
  charset: true,
  timeOffset: true,
  colour: true,
  comments: true,
  bookmarks: true,
  syncBrowsing: true,
  uploadToTemporaryName: true,
};

/** True when saving the form would change something. */
export function isFormDirty(form: SiteForm, site: Site): boolean {
  return JSON.stringify(form) !== JSON.stringify(formFromSite(site));
}

/** The form field a `sites.update` request path is about (`fields.port` → `port`, `password.value` → `password`). */
export function fieldOfRequestPath(path: readonly (string | number)[]): SiteFormField | null {
  const [first, ...rest] = path;
  if (first === 'fields') return fieldOfPath(rest);
  if (first === 'password' || first === 'keyPassphrase') return first;
  return null;
}

/**
 * A failed save, split by field. The back end checks the character set with
 * its converter and says so without a path, so that sentence goes next to the
 * charset field too.
 */
export function siteSaveErrors(error: unknown): FormErrors {
  const result = formErrorsOf(error, fieldOfRequestPath);
  if (result.code === 'INVALID_INPUT' && result.general !== null && /character set/i.test(result.general)) {
    return { ...result, fields: { ...result.fields, charset: result.general }, general: null };
  }
  return result;
}
