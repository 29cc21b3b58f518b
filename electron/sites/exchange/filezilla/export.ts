/**
 * Writes sites in FileZilla 3's sitemanager.xml format, so a user can take
 * them to FileZilla (File → Import). Passwords are written only when the
 * portable tree carries them (the user asked); FileZilla keeps them base64
 * encoded, which is not encryption.
 */
import type { SiteFields, TransferNote } from '../../../../shared/contract/sites';
import { DEFAULT_SITE_FIELDS, effectivePort } from '../../sites-file';
import { joinSitePath } from '../../tree/site-path';
import type { PortableNode, PortableSite } from '../portable-tree';
import { encodeFileZillaPath } from './remote-path';
import { buildXml, textElement, type XmlElement } from './xml';

/** FileZilla's protocol number for each Ferry protocol and encryption. */
function protocolNumber(fields: SiteFields): number {
  if (fields.protocol === 'sftp') return 1;
  switch (fields.encryption) {
    case 'explicit-if-available':
      return 0;
    case 'implicit':
      return 3;
    case 'require-explicit':
      return 4;
    case 'plain':
      return 6;
  }
}

/** FileZilla's `Logontype`: "normal" with an account is FileZilla's "account" (4). */
function logonNumber(fields: SiteFields): number {
  switch (fields.logonType) {
    case 'anonymous':
      return 0;
    case 'normal':
      return fields.account !== '' ? 4 : 1;
    case 'ask':
      return 2;
    case 'interactive':
      return 3;
    case 'key':
      return 5;
  }
}

const PASV_MODES = { default: 'MODE_DEFAULT', active: 'MODE_ACTIVE', passive: 'MODE_PASSIVE' } as const;
const COLOURS = ['none', 'red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange'];

/** The XML text and notes about what FileZilla cannot hold. */
export interface FileZillaExport {
  content: string;
  notes: TransferNote[];
}

/** Writes `nodes` as a FileZilla site manager file. */
export function writeFileZillaSites(nodes: readonly PortableNode[]): FileZillaExport {
  const notes: TransferNote[] = [];
  const servers: XmlElement = { name: 'Servers', attributes: {}, children: nodes.map((node) => toElement(node, [], notes)) };
  const root: XmlElement = { name: 'FileZilla3', attributes: {}, children: [servers] };
  return { content: buildXml(root), notes };
}

function toElement(node: PortableNode, path: string[], notes: TransferNote[]): XmlElement {
  if (node.kind === 'folder') {
    // FileZilla reads a folder's name from its own text, before its children.
    return {
      name: 'Folder',
      attributes: { expanded: '1' },
      children: [{ text: node.name }, ...node.children.map((child) => toElement(child, [...path, node.name], notes))],
    };
  }
  return serverElement(node, joinSitePath([...path, node.name]), notes);
}

function serverElement(site: PortableSite, item: string, notes: TransferNote[]): XmlElement {
  const f = site.fields;
  const note = (message: string) => notes.push({ item, message });
  const children: XmlElement[] = [
    textElement('Host', f.host),
    textElement('Port', String(effectivePort(f))),
    textElement('Protocol', String(protocolNumber(f))),
    textElement('Type', '0'),
  ];
  if (f.logonType !== 'anonymous') children.push(textElement('User', f.user));
  if (site.password !== null && f.logonType === 'normal') {
    children.push(textElement('Pass', Buffer.from(site.password, 'utf8').toString('base64'), { encoding: 'base64' }));
  }
  if (f.account !== '') children.push(textElement('Account', f.account));
  if (f.logonType === 'key') children.push(textElement('Keyfile', f.keyFile));
  children.push(
    textElement('Logontype', String(logonNumber(f))),
    textElement('TimezoneOffset', String(f.timeOffsetMinutes)),
    textElement('PasvMode', PASV_MODES[f.transferMode]),
    textElement('MaximumMultipleConnections', String(f.connectionLimit)),
  );
  if (f.charset === 'auto') children.push(textElement('EncodingType', 'Auto'));
  else if (f.charset.toLowerCase() === 'utf-8' || f.charset.toLowerCase() === 'utf8') children.push(textElement('EncodingType', 'UTF-8'));
  else children.push(textElement('EncodingType', 'Custom'), textElement('CustomEncoding', f.charset));
  children.push(
    textElement('BypassProxy', '0'),
    textElement('Name', site.name),
    textElement('Comments', f.comments),
    textElement('Colour', String(COLOURS.indexOf(f.colour))),
    textElement('LocalDir', f.localFolder),
    textElement('RemoteDir', remoteDir(f.remoteFolder, 'default remote folder', note)),
    textElement('SyncBrowsing', f.syncBrowsing ? '1' : '0'),
    textElement('DirectoryComparison', '0'),
  );
  for (const bookmark of f.bookmarks) {
    const element: XmlElement = { name: 'Bookmark', attributes: {}, children: [textElement('Name', bookmark.name)] };
    if (bookmark.localFolder !== '') element.children.push(textElement('LocalDir', bookmark.localFolder));
    const remote = remoteDir(bookmark.remoteFolder, `remote folder of bookmark "${bookmark.name}"`, note);
    if (remote !== '') element.children.push(textElement('RemoteDir', remote));
    children.push(element);
  }
  if (f.uploadToTemporaryName !== DEFAULT_SITE_FIELDS.uploadToTemporaryName) {
    note('"Upload to a temporary name" has no FileZilla equivalent and was left out.');
  }
  if (site.keyPassphrase !== null) note('FileZilla does not save key passphrases; it was left out.');
  return { name: 'Server', attributes: {}, children };
}

function remoteDir(path: string, what: string, note: (message: string) => void): string {
  const encoded = encodeFileZillaPath(path);
  if (encoded !== null) return encoded;
  note(`The ${what} "${path}" is not an absolute path, which FileZilla requires; it was left out.`);
  return '';
}
