/**
 * Checks and shows names of remote entries.
 *
 * Every name a server reports is untrusted input: a hostile or broken server can
 * send `..`, `a/b` or `x\r\nDELE y` as a "file name". Ferry treats a listed name
 * as exactly one path component; anything else is refused before it can become
 * part of a local path (a recursive download must never write outside its
 * target folder) or of an FTP command line (CR/LF would inject a command).
 * FTP and SFTP both use these two functions.
 */

/** Result of {@link validateEntryName}: `reason` is a sentence fragment for the user. */
export type EntryNameCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `name` is usable as one path component.
 *
 * Refused: the empty name, `.` and `..` (they name the folder itself or climb out
 * of it), names containing `/` or `\` (a separator on Unix or Windows would make
 * the name a path), and names containing NUL or any other C0 control character or
 * DEL (NUL truncates paths in C APIs, CR/LF inject FTP commands and forge log
 * lines, escape sequences can take over a terminal running the CLI).
 */
export function validateEntryName(name: string): EntryNameCheck {
  if (name === '') return { ok: false, reason: 'the name is empty' };
  if (name === '.' || name === '..') return { ok: false, reason: `"${name}" is not a name but a reference to a folder` };
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x2f) return { ok: false, reason: 'the name contains "/"' };
    if (code === 0x5c) return { ok: false, reason: 'the name contains "\\"' };
    if (code === 0) return { ok: false, reason: 'the name contains a NUL character' };
    if (code < 0x20 || code === 0x7f) {
      return { ok: false, reason: `the name contains the control character ${escapeChar(code)}` };
    }
  }
  return { ok: true };
}

/**
 * `name` in a form that is safe to show in the UI, the log or a terminal, and
 * unambiguous: control characters (C0, DEL, C1), line and paragraph separators
 * bidirectional-override characters (which can make `txt.exe` look like
 * `exe.txt`) and lone surrogate halves are written as escapes; a backslash is doubled so that an escape in
 * the output always means an escaped character and never a literal backslash.
 * A valid plain name comes back unchanged (except for backslashes).
 */
export function escapeEntryName(name: string): string {
  let out = '';
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (needsEscape(code)) out += escapeChar(code);
    else out += char;
  }
  return out;
}

function needsEscape(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c ||
    code === 0xfeff ||
    // A lone surrogate half (from a broken decoder) cannot be encoded as UTF-8 for the log.
    (code >= 0xd800 && code <= 0xdfff)
  );
}

const NAMED_ESCAPES: Record<number, string> = { 0: '\\0', 9: '\\t', 10: '\\n', 13: '\\r' };

function escapeChar(code: number): string {
  const named = NAMED_ESCAPES[code];
  if (named !== undefined) return named;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0').toUpperCase()}`;
  return `\\u{${code.toString(16).toUpperCase()}}`;
}

/** Most file systems cap one name at 255 bytes (not characters). */
export const MAX_NAME_BYTES = 255;

/** Characters Windows refuses in file names (on other systems they are fine). */
export const WINDOWS_FORBIDDEN_CHARACTERS = /[<>:"|?*]/;
