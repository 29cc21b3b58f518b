/**
 * Reads FileZilla 3's `sitemanager.xml` (or a site export from FileZilla) into
 * a {@link PortableTree}: folders, every field Ferry also has, bookmarks and
 * passwords. What cannot come along is reported, item by item, never dropped
 * silently: sites of protocols Ferry lacks, passwords locked by FileZilla's
 * master password, fields Ferry does not have.
 *
 * The format, as FileZilla 3.x writes it:
 *
 *   <FileZilla3><Servers>
 *     <Folder expanded="1">Folder name
 *       <Server><Host/><Port/><Protocol/><Type/><User/><Pass encoding="base64"/>
 *         <Logontype/>…<Name/><Comments/><Colour/><LocalDir/><RemoteDir/>
 *         <SyncBrowsing/><DirectoryComparison/><Bookmark>…</Bookmark>
 *       </Server>
 *     </Folder>
 *   </Servers></FileZilla3>
 */
import iconv from 'iconv-lite';
import { Host, SiteFields, type Bookmark, type SiteColour, type TransferNote } from '../../../../shared/contract/sites';
import { FerryError } from '../../../../shared/errors';
import { DEFAULT_SITE_FIELDS, effectivePort } from '../../sites-file';
import { joinSitePath } from '../../tree/site-path';
import type { PortableNode, PortableSite, PortableTree } from '../portable-tree';
import { decodeFileZillaPath } from './remote-path';
import { childElement, childElements, ownText, parseXml, type XmlElement } from './xml';

/** FileZilla's protocol numbers Ferry imports, and what they mean. */
const PROTOCOLS: Record<number, Pick<SiteFields, 'protocol' | 'encryption'>> = {
  0: { protocol: 'ftp', encryption: 'explicit-if-available' }, // "Use explicit FTP over TLS if available"
  1: { protocol: 'sftp', encryption: 'require-explicit' },
  3: { protocol: 'ftp', encryption: 'implicit' },
  4: { protocol: 'ftp', encryption: 'require-explicit' },
  6: { protocol: 'ftp', encryption: 'plain' },
};

/** Names of FileZilla's other protocols, for the note that says why a site was not imported. */
const OTHER_PROTOCOLS: Record<number, string> = {
  2: 'HTTP',
  5: 'HTTPS',
  7: 'Amazon S3',
  8: 'Storj',
  9: 'WebDAV',
  10: 'Azure File Storage',
  11: 'Azure Blob Storage',
  12: 'OpenStack Swift',
  13: 'Google Cloud Storage',
  14: 'Google Drive',
  15: 'Dropbox',
  16: 'Microsoft OneDrive',
  17: 'Backblaze B2',
  18: 'Box',
  19: 'WebDAV (insecure)',
  20: 'Rackspace Cloud',
};

/** FileZilla's `Logontype` numbers (4, "account", is normal logon plus an account). */
const LOGON_TYPES: Record<number, SiteFields['logonType']> = {
  0: 'anonymous',
  1: 'normal',
  2: 'ask',
  3: 'interactive',
  4: 'normal',
  5: 'key',
};

const COLOURS: readonly SiteColour[] = ['none', 'red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange'];

const SERVER_TYPE_NAMES = ['', 'Unix', 'VMS', 'DOS', 'MVS', 'VxWorks', 'z/VM', 'HP NonStop', 'DOS virtual', 'Cygwin', 'DOS (forward slashes)'];

/** Elements of <Server> this reader understands (each either imported or reported). */
const SERVER_ELEMENTS = new Set([
  'Host',
  'Port',
  'Protocol',
  'Type',
  'User',
  'Pass',
  'Account',
  'Keyfile',
  'Logontype',
  'TimezoneOffset',
  'PasvMode',
  'MaximumMultipleConnections',
  'EncodingType',
  'CustomEncoding',
  'BypassProxy',
  'Name',
  'Comments',
  'Colour',
  'LocalDir',
  'RemoteDir',
  'SyncBrowsing',
  'DirectoryComparison',
  'Bookmark',
  'PostLoginCommands',
]);

/** Reads `xml` (the file's text). Throws `INVALID_INPUT` when it is not a FileZilla site file. */
export function readFileZillaSites(xml: string): PortableTree {
  const root = parseXml(xml);
  if (root.name !== 'FileZilla3') {
    throw new FerryError('INVALID_INPUT', `This is not a FileZilla site manager file: its top element is <${root.name}>, not <FileZilla3>.`);
  }
  const servers = childElement(root, 'Servers');
  if (!servers) throw new FerryError('INVALID_INPUT', 'This FileZilla file has no sites (no <Servers> element).');
  const notes: TransferNote[] = [];
  return { nodes: readChildren(servers, [], notes), notes };
}

function readChildren(parent: XmlElement, path: string[], notes: TransferNote[]): PortableNode[] {
  const nodes: PortableNode[] = [];
  for (const child of childElements(parent)) {
    if (child.name === 'Folder') {
      const name = cleanName(ownText(child).trim(), 'Unnamed folder', path, notes);
      nodes.push({ kind: 'folder', name, children: readChildren(child, [...path, name], notes) });
    } else if (child.name === 'Server') {
      const site = readServer(child, path, notes);
      if (site) nodes.push(site);
    } else {
      notes.push({ item: joinSitePath(path), message: `Skipped <${child.name}>: it is neither a folder nor a site.` });
    }
  }
  return nodes;
}

/** Reads one <Server>; `null` (with a note) when Ferry cannot connect to such a site. */
function readServer(server: XmlElement, path: string[], notes: TransferNote[]): PortableSite | null {
  const text = (name: string): string | undefined => {
    const element = childElement(server, name);
    return element === undefined ? undefined : ownText(element);
  };
  // Old FileZilla versions wrote the name as the element's own text instead of <Name>.
  const rawName = text('Name') ?? ownText(server).trim();
  const name = cleanName(rawName, text('Host')?.trim() || 'Unnamed site', path, notes);
  const item = joinSitePath([...path, name]);
  const note = (message: string) => notes.push({ item, message });

  const protocolNumber = integer(text('Protocol')) ?? 0;
  const protocol = PROTOCOLS[protocolNumber];
  if (!protocol) {
    const what = OTHER_PROTOCOLS[protocolNumber] ?? `protocol number ${protocolNumber}`;
    note(`Not imported: it uses ${what}, which Ferry does not support.`);
    return null;
  }
  const fields: SiteFields = { ...DEFAULT_SITE_FIELDS, ...protocol, bookmarks: [] };

  const host = (text('Host') ?? '').trim();
  if (Host.safeParse(host).success) fields.host = host;
  else note(`The host "${host}" is not valid and was left empty.`);

  const port = integer(text('Port'));
  if (port !== null && port >= 1 && port <= 65535) {
    // A port equal to the protocol's default is stored as "default", so changing the protocol later changes it too.
    fields.port = port === effectivePort({ ...fields, port: null }) ? null : port;
  } else if (text('Port') !== undefined) {
    note(`The port "${text('Port')}" is not valid; the protocol's default port is used.`);
  }

  const logonNumber = integer(text('Logontype')) ?? 1;
  const logonType = LOGON_TYPES[logonNumber];
  if (logonType) fields.logonType = logonType;
  else {
    fields.logonType = 'ask';
    note(`Its logon type (${logonNumber}) has no equivalent in Ferry; Ferry will ask for the password.`);
  }
  fields.user = oneLine(text('User') ?? '', 'user', note);
  fields.account = oneLine(text('Account') ?? '', 'account', note);
  fields.keyFile = oneLine(text('Keyfile') ?? '', 'key file', note);
  const password = readPassword(childElement(server, 'Pass'), fields, note);

  fields.timeOffsetMinutes = ranged(text('TimezoneOffset'), -24 * 60, 24 * 60, 0, 'server time offset', note);
  fields.transferMode = transferMode(text('PasvMode'), note);
  fields.connectionLimit = ranged(text('MaximumMultipleConnections'), 0, 10, 0, 'connection limit', note);
  fields.charset = charset(text('EncodingType'), text('CustomEncoding'), note);
  if (text('BypassProxy')?.trim() === '1') note('"Bypass proxy" was not imported: Ferry does not use a proxy.');
  fields.comments = (text('Comments') ?? '').slice(0, 100_000);
  const colour = integer(text('Colour')) ?? 0;
  if (COLOURS[colour]) fields.colour = COLOURS[colour]!;
  else note(`The colour number ${colour} is unknown; no colour was set.`);
  fields.localFolder = oneLine(text('LocalDir') ?? '', 'local folder', note);
  fields.remoteFolder = remoteFolder(text('RemoteDir'), 'default remote folder', note);
  fields.syncBrowsing = text('SyncBrowsing')?.trim() === '1';
  if (text('DirectoryComparison')?.trim() === '1') {
    note('"Directory comparison" was not imported: in Ferry it is turned on in the panes.');
  }
  fields.bookmarks = childElements(server, 'Bookmark').flatMap((bookmark) => readBookmark(bookmark, note));
  const commandList = childElement(server, 'PostLoginCommands');
  const commands = commandList ? childElements(commandList, 'Command') : [];
  if (commands.length > 0) note(`${commands.length} post-login command(s) were not imported: Ferry does not send custom commands after login.`);
  const serverType = integer(text('Type')) ?? 0;
  if (serverType !== 0) {
    note(`The server type (${SERVER_TYPE_NAMES[serverType] ?? serverType}) was not imported: Ferry recognises listings by itself.`);
  }
  for (const child of childElements(server)) {
    if (!SERVER_ELEMENTS.has(child.name)) note(`The field <${child.name}> is unknown to Ferry and was not imported.`);
  }

  const checked = SiteFields.safeParse(fields);
  if (!checked.success) {
    note(`Not imported: ${checked.error.issues[0]?.path.join('.')} is not valid (${checked.error.issues[0]?.message}).`);
    return null;
  }
  return { kind: 'site', name, fields: checked.data, password, keyPassphrase: null };
}

/**
 * The site's password: `encoding="base64"` (FileZilla's default) is imported;
 * `encoding="crypt"` is sealed with FileZilla's master password, which Ferry
 * cannot open, so the site asks instead; no encoding is plain text (FileZilla
 * before 3.26).
 */
function readPassword(pass: XmlElement | undefined, fields: SiteFields, note: (message: string) => void): string | null {
  if (!pass) return null;
  const value = ownText(pass);
  if (value === '') return null;
  if (fields.logonType !== 'normal') {
    note('A saved password was not imported: its logon type does not use one.');
    return null;
  }
  const encoding = pass.attributes.encoding ?? 'plain';
  if (encoding === 'crypt') {
    fields.logonType = 'ask';
    note("The password is protected by FileZilla's master password, which Ferry cannot read: the site will ask for it.");
    return null;
  }
  let password: string | null = null;
  if (encoding === 'base64') {
    const compact = value.replace(/\s+/g, '');
    if (/^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0) password = Buffer.from(compact, 'base64').toString('utf8');
  } else if (encoding === 'plain') {
    password = value;
  }
  if (password === null || password.includes('\0') || password.length > 1024) {
    fields.logonType = 'ask';
    note(`The password could not be read (encoding "${encoding}"): the site will ask for it.`);
    return null;
  }
  return password === '' ? null : password;
}

function readBookmark(bookmark: XmlElement, note: (message: string) => void): Bookmark[] {
  const text = (name: string) => {
    const element = childElement(bookmark, name);
    return element === undefined ? '' : ownText(element);
  };
  const name = text('Name');
  const label = name.trim() === '' ? 'Bookmark' : name.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 255);
  if (text('SyncBrowsing').trim() === '1') note(`The bookmark "${label}" uses synchronized browsing; Ferry sets that per site, so it was not imported.`);
  if (text('DirectoryComparison').trim() === '1') note(`The bookmark "${label}" uses directory comparison, which was not imported.`);
  return [
    {
      name: label,
      localFolder: oneLine(text('LocalDir'), `local folder of bookmark "${label}"`, note),
      remoteFolder: remoteFolder(text('RemoteDir'), `remote folder of bookmark "${label}"`, note),
    },
  ];
}

function remoteFolder(safe: string | undefined, what: string, note: (message: string) => void): string {
  const decoded = decodeFileZillaPath((safe ?? '').trim());
  if (decoded.ok) return oneLine(decoded.path, what, note);
  note(`The ${what} was not imported: ${decoded.reason}.`);
  return '';
}

function transferMode(value: string | undefined, note: (message: string) => void): SiteFields['transferMode'] {
  switch (value?.trim()) {
    case undefined:
    case '':
    case 'MODE_DEFAULT':
      return 'default';
    case 'MODE_ACTIVE':
      return 'active';
    case 'MODE_PASSIVE':
      return 'passive';
    default:
      note(`The transfer mode "${value}" is unknown; the default is used.`);
      return 'default';
  }
}

function charset(type: string | undefined, custom: string | undefined, note: (message: string) => void): string {
  switch (type?.trim()) {
    case undefined:
    case '':
    case 'Auto':
      return 'auto';
    case 'UTF-8':
      return 'utf-8';
    case 'Custom': {
      const name = (custom ?? '').trim();
      if (/^[A-Za-z0-9_.:-]{1,64}$/.test(name) && iconv.encodingExists(name)) return name;
      note(`The character set "${name}" is unknown to Ferry; "auto" is used.`);
      return 'auto';
    }
    default:
      note(`The encoding setting "${type}" is unknown; "auto" is used.`);
      return 'auto';
  }
}

/** A site or folder name Ferry accepts, keeping the name as written whenever it can (spaces included). */
function cleanName(raw: string, fallback: string, path: string[], notes: TransferNote[]): string {
  let name = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  if (name.trim() === '') name = fallback.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 255) || 'Unnamed';
  if (name.length > 255) name = name.slice(0, 255);
  if (name !== raw) notes.push({ item: joinSitePath([...path, name]), message: `Named "${name}" (the name in the file was empty, too long or had control characters).` });
  return name;
}

/** One line of text: control characters become spaces (with a note). */
function oneLine(value: string, what: string, note: (message: string) => void): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 4096);
  if (clean !== value) note(`The ${what} had control characters or was too long; it was cleaned up.`);
  return clean;
}

function integer(value: string | undefined): number | null {
  const trimmed = value?.trim();
  return trimmed !== undefined && /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

function ranged(value: string | undefined, min: number, max: number, fallback: number, what: string, note: (message: string) => void): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = integer(value);
  if (number !== null && number >= min && number <= max) return number;
  note(`The ${what} "${value}" is out of range; ${fallback} is used.`);
  return fallback;
}
