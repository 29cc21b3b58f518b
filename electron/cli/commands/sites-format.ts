/**
 * How `ferry sites` prints sites: the tree as aligned columns, one site's
 * fields, and an import's report. Never a password: the views printed here
 * only know whether one is saved.
 */
import type { Encryption, ImportReport, Protocol, Site, SiteTreeNode, TransferNote } from '../../../shared/contract/sites';

/**
 * The protocol in the words of the CLI's URLs: `ftp` (TLS when the server
 * offers it), `ftpes` (explicit TLS required), `ftps` (implicit TLS), `sftp`;
 * `ftp-plain` has no URL of its own (ftp:// with --plain).
 */
export function protocolLabel(protocol: Protocol, encryption: Encryption): string {
  if (protocol === 'sftp') return 'sftp';
  return { 'explicit-if-available': 'ftp', 'require-explicit': 'ftpes', implicit: 'ftps', plain: 'ftp-plain' }[encryption];
}

/** The protocol as a sentence, for `show`. */
function protocolSentence(protocol: Protocol, encryption: Encryption): string {
  if (protocol === 'sftp') return 'SFTP';
  return {
    'require-explicit': 'FTP, explicit TLS required',
    'explicit-if-available': 'FTP, TLS when the server offers it',
    implicit: 'FTP, implicit TLS',
    plain: 'FTP without encryption (insecure)',
  }[encryption];
}

/** `host:port`, with an IPv6 address in brackets. */
export function hostAndPort(host: string, port: number): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${bracketed || '(no host)'}:${port}`;
}

/** The tree as lines: folders end in `/`, contents indented two spaces; sites in aligned columns. */
export function formatSiteTree(nodes: readonly SiteTreeNode[], depth = 0): string[] {
  type Row = { folder: string } | { cells: string[] };
  const rows: Row[] = [];
  const walk = (children: readonly SiteTreeNode[], level: number): void => {
    for (const node of children) {
      const indent = '  '.repeat(level);
      if (node.kind === 'folder') {
        rows.push({ folder: `${indent}${node.name}/` });
        walk(node.children, level + 1);
      } else {
        rows.push({
          cells: [
            indent + node.name,
            protocolLabel(node.protocol, node.encryption),
            hostAndPort(node.host, node.effectivePort),
            node.user || '-',
            node.hasPassword ? 'password saved' : 'no password',
          ],
        });
      }
    }
  };
  walk(nodes, depth);
  const widths: number[] = [];
  for (const row of rows) if ('cells' in row) row.cells.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => ('folder' in row ? row.folder : row.cells.map((cell, i) => (i === row.cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')));
}

/** Every field of one site, one `Label: value` line each. */
export function formatSite(site: Site): string {
  const yes = (value: boolean) => (value ? 'yes' : 'no');
  const orNone = (value: string) => (value === '' ? '-' : value);
  const lines: [string, string][] = [
    ['Site', site.path],
    ['Reference', `site:${site.path}/`],
    ['Protocol', `${protocolSentence(site.protocol, site.encryption)} (${protocolLabel(site.protocol, site.encryption)})`],
    ['Host', orNone(site.host)],
    ['Port', site.port === null ? `${site.effectivePort} (default)` : String(site.port)],
    ['Logon', LOGON_WORDS[site.logonType]],
    ['User', orNone(site.user)],
  ];
  if (site.logonType === 'normal') lines.push(['Password', site.hasPassword ? 'saved' : 'not saved']);
  if (site.passwordNotice) lines.push(['', site.passwordNotice]);
  if (site.protocol === 'ftp') lines.push(['Account', orNone(site.account)]);
  if (site.logonType === 'key' || site.keyFile !== '') {
    lines.push(['Key file', orNone(site.keyFile)], ['Key passphrase', site.hasKeyPassphrase ? 'saved' : 'not saved']);
  }
  lines.push(
    ['Remote folder', site.remoteFolder === '' ? '- (the login folder)' : site.remoteFolder],
    ['Local folder', orNone(site.localFolder)],
    ['Transfer mode', site.transferMode],
    ['Connection limit', site.connectionLimit === 0 ? 'the global setting' : String(site.connectionLimit)],
    ['Character set', site.charset],
    ['Server time offset', site.timeOffsetMinutes === 0 ? 'none' : `${site.timeOffsetMinutes} minutes`],
    ['Colour', site.colour],
    ['Synchronized browsing', yes(site.syncBrowsing)],
    ['Upload to a temporary name', yes(site.uploadToTemporaryName)],
  );
  for (const bookmark of site.bookmarks) {
    lines.push(['Bookmark', `${bookmark.name}: local ${orNone(bookmark.localFolder)}, remote ${orNone(bookmark.remoteFolder)}`]);
  }
  const commentLines = site.comments === '' ? ['-'] : terminalSafe(site.comments).split('\n');
  lines.push(['Comments', commentLines[0]!], ...commentLines.slice(1).map((line): [string, string] => ['', line]));
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  return lines.map(([label, value]) => (label === '' ? ' '.repeat(width) : `${label}:`.padEnd(width)) + value).join('\n');
}

const LOGON_WORDS: Record<Site['logonType'], string> = {
  anonymous: 'anonymous',
  normal: 'normal (user and saved password)',
  ask: 'ask for the password when connecting',
  interactive: "interactive (answer the server's prompts)",
  key: 'key file',
};

/**
 * Comments are free text from the user or an imported file: control
 * characters are shown as `\xNN` so they cannot drive the terminal.
 */
function terminalSafe(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * An import's report: what was added, which sites will ask for a password
 * because FileZilla's master password protected it, which fields Ferry does
 * not have, and every other note.
 */
export function formatImportReport(report: ImportReport, file: string): string[] {
  const lines = [
    `Imported ${plural(report.sites, 'site')} and ${plural(report.folders, 'new folder')} from ${file}; ` +
      `${plural(report.passwords, 'password')} saved.`,
  ];
  // Sorted by what the user must do about them; every note is printed exactly once.
  const masterProtected = report.notes.filter((note) => /FileZilla's master password/i.test(note.message));
  const unknownFields = report.notes.filter((note) => !masterProtected.includes(note) && /unknown to Ferry/i.test(note.message));
  const others = report.notes.filter((note) => !masterProtected.includes(note) && !unknownFields.includes(note));
  if (masterProtected.length > 0) {
    lines.push(
      `${plural(masterProtected.length, 'site')} will ask for the password when connecting (FileZilla's master password protected it):`,
      ...masterProtected.map((note) => `  ${note.item}`),
    );
  }
  if (unknownFields.length > 0) lines.push('Fields Ferry does not have (not imported):', ...unknownFields.map(noteLine));
  if (others.length > 0) lines.push('Notes:', ...others.map(noteLine));
  return lines;
}

/** Export notes (what the file could not hold), one indented line each. */
export function formatNotes(notes: readonly TransferNote[]): string[] {
  return notes.length === 0 ? [] : ['Notes:', ...notes.map(noteLine)];
}

function noteLine(note: TransferNote): string {
  return `  ${note.item || '(the file)'}: ${note.message}`;
}

/** `1 site`, `2 sites`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
