/**
 * Choosing ASCII or binary mode automatically, by file name (FileZilla's rule):
 * known text extensions are ASCII, and so are files without an extension and dot
 * files; everything else is binary. When in doubt binary is the safe choice: it
 * never changes a byte.
 */

/** Extensions transferred in ASCII mode by default (lower case, without the dot). */
export const DEFAULT_ASCII_EXTENSIONS: readonly string[] = [
  'am', 'asp', 'bat', 'c', 'cfm', 'cgi', 'conf', 'cpp', 'css', 'csv', 'dhtml', 'diz', 'h', 'hpp', 'htaccess',
  'htm', 'html', 'in', 'inc', 'ini', 'java', 'js', 'json', 'jsp', 'lua', 'm4', 'mak', 'md', 'md5', 'nfo', 'nsh',
  'nsi', 'pas', 'patch', 'php', 'phtml', 'pl', 'po', 'py', 'qmail', 'rb', 'sh', 'sha1', 'sha256', 'sha512',
  'shtml', 'sql', 'svg', 'tcl', 'tpl', 'txt', 'vbs', 'xhtml', 'xml', 'xrc', 'yaml', 'yml',
];

/** Options of {@link transferModeFor}. */
export interface TransferModeRules {
  /** Extensions to treat as text; default {@link DEFAULT_ASCII_EXTENSIONS}. */
  asciiExtensions?: Iterable<string>;
  /** Files without an extension are text (default true). */
  noExtensionIsText?: boolean;
  /** Dot files (`.htaccess`, `.profile`) are text (default true). */
  dotFilesAreText?: boolean;
}

/** The mode for `fileName` (a name or a path) under the automatic rule; see the file comment. */
export function transferModeFor(fileName: string, rules: TransferModeRules = {}): 'ascii' | 'binary' {
  const name = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  if (name.startsWith('.') && name.indexOf('.', 1) === -1) return rules.dotFilesAreText ?? true ? 'ascii' : 'binary';
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return rules.noExtensionIsText ?? true ? 'ascii' : 'binary';
  const extension = name.slice(dot + 1).toLowerCase();
  const text = new Set([...(rules.asciiExtensions ?? DEFAULT_ASCII_EXTENSIONS)].map((e) => e.toLowerCase().replace(/^\./, '')));
  return text.has(extension) ? 'ascii' : 'binary';
}
