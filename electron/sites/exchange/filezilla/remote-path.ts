/**
 * FileZilla's "safe path" format for remote folders in sitemanager.xml:
 * `TYPE PREFIXLEN[ PREFIX]( LEN SEGMENT)*`, e.g. `1 0 3 var 3 www` is the Unix
 * path `/var/www` and `1 0` is `/`. TYPE is FileZilla's server type; lengths
 * count characters, so a segment may contain spaces.
 *
 * FileZilla counts characters as its platform's `wchar_t`: UTF-16 units on
 * Windows, code points elsewhere. They differ only outside the Basic
 * Multilingual Plane (emoji), so decoding tries code points, then UTF-16.
 */

/** FileZilla's server types, by number. */
const SERVER_TYPES = [
  'default',
  'Unix',
  'VMS',
  'DOS',
  'MVS',
  'VxWorks',
  'z/VM',
  'HP NonStop',
  'DOS virtual',
  'Cygwin',
  'DOS with forward slashes',
] as const;

/** Types whose paths are `/a/b`, as Ferry writes remote paths. */
const SLASH_TYPES = new Set([0, 1, 8, 9]);
const DOS = 3;
const DOS_FORWARD_SLASHES = 10;

/** The parts of a safe path. */
interface SafePath {
  type: number;
  prefix: string;
  segments: string[];
}

/** A decoded path, or why it could not be. */
export type DecodedRemotePath = { ok: true; path: string } | { ok: false; reason: string };

/** Turns a FileZilla safe path into a path as the server writes it (`/var/www`, `C:\Web`). Empty stays empty. */
export function decodeFileZillaPath(safe: string): DecodedRemotePath {
  if (safe === '') return { ok: true, path: '' };
  const parsed = parseSafePath(Array.from(safe)) ?? parseSafePath(safe.split(''));
  if (!parsed) return { ok: false, reason: `"${safe}" is not a remote folder FileZilla wrote` };
  const { type, prefix, segments } = parsed;
  if (SLASH_TYPES.has(type) && prefix === '') return { ok: true, path: `/${segments.join('/')}` };
  if ((type === DOS || type === DOS_FORWARD_SLASHES) && prefix === '' && segments.length > 0) {
    const separator = type === DOS ? '\\' : '/';
    const [drive, ...rest] = segments;
    return { ok: true, path: rest.length === 0 ? `${drive}${separator}` : `${drive}${separator}${rest.join(separator)}` };
  }
  const kind = SERVER_TYPES[type] ?? `type ${type}`;
  return { ok: false, reason: `the remote folder is a ${kind} path, which Ferry does not support` };
}

/**
 * Turns a remote path into FileZilla's safe path: `/a/b` as a Unix path,
 * `C:\a` or `C:/a` as a DOS path. `null` for a relative path (FileZilla keeps
 * only absolute ones). Lengths are counted in code points, as FileZilla on
 * Linux and macOS does.
 */
export function encodeFileZillaPath(path: string): string | null {
  if (path === '') return '';
  let type: number;
  let segments: string[];
  if (path.startsWith('/')) {
    type = 1;
    segments = path.split('/').filter((s) => s !== '');
  } else if (/^[A-Za-z]:([\\/]|$)/.test(path)) {
    type = path[2] === '/' ? DOS_FORWARD_SLASHES : DOS;
    segments = path.split(/[\\/]/).filter((s) => s !== '');
  } else {
    return null;
  }
  return [String(type), '0', ...segments.flatMap((s) => [String(Array.from(s).length), s])].join(' ');
}

/** Parses `chars` (one element per counted character); `null` when it is not a safe path. */
function parseSafePath(chars: readonly string[]): SafePath | null {
  let i = 0;
  const number = (): number | null => {
    let digits = '';
    while (i < chars.length && /^[0-9]$/.test(chars[i]!)) digits += chars[i++];
    return digits === '' || digits.length > 6 ? null : Number(digits);
  };
  const space = (): boolean => chars[i++] === ' ';
  const take = (count: number): string | null => {
    if (i + count > chars.length) return null;
    const text = chars.slice(i, i + count).join('');
    i += count;
    return text;
  };

  const type = number();
  if (type === null || !space()) return null;
  const prefixLength = number();
  if (prefixLength === null) return null;
  let prefix = '';
  if (prefixLength > 0) {
    if (!space()) return null;
    const text = take(prefixLength);
    if (text === null) return null;
    prefix = text;
  }
  const segments: string[] = [];
  while (i < chars.length) {
    if (!space()) return null;
    const length = number();
    if (length === null || length === 0 || !space()) return null;
    const segment = take(length);
    if (segment === null) return null;
    segments.push(segment);
  }
  return { type, prefix, segments };
}
