/**
 * Unix `ls -l` lines, as vsftpd, ProFTPD, Pure-FTPd, FileZilla Server, IIS in
 * Unix mode, Serv-U and most others send them:
 *
 *     -rw-r--r--    1 1000     1000         1024 Jan 05 10:22 file name.txt
 *     lrwxrwxrwx    1 root     root            7 Jan  5  2023 bin -> usr/bin
 *     crw-rw-rw-    1 root     root       1,   3 Jan  5 10:22 null
 *     -rw-r--r--+   1 ann      staff       1,024 2024-01-05 10:22 report.pdf
 *     dr-xr-xr-x    2 root                  512 Apr  8  1994 etc          (no group)
 *     -rw-r--r--    1 root     other        531 09-26 2000 README         (numeric date)
 *
 * The date is found first (a month name, a day-first date, an ISO or numeric date
 * right after a number); the number before it is the size, the words between the
 * permissions and the size are link count, owner and group, and everything after
 * the date and one space is the name, leading spaces included.
 */
import { fullYear, listTime, monthFromName, parseClock, type WallClock } from '../dates';
import { permissionsToMode } from '../permissions';
import { isDigits, parseSize, tokenize, type Token } from '../tokens';
import type { ListingOptions, ParsedEntry } from '../types';

// Type letter, 9 permission letters, optional ACL/xattr marker (`+` ACL, `.` SELinux, `@` macOS).
const PERMISSIONS = /^([-dlcbpsDnw])([-rwxsStTlL]{9})([+.@]?)(\d*)$/;
// Enough words to reach the date even with a multi-word group, without splitting long names.
const MAX_TOKENS = 16;

/** A date found in the token list: its parts and the index of its last token. */
interface FoundDate {
  wall: WallClock;
  last: number;
}

/** Parses one Unix-style line; `null` when it is not one. */
export function parseUnixLine(line: string, options: ListingOptions = {}): ParsedEntry | null {
  const tokens = tokenize(line, MAX_TOKENS);
  const first = tokens[0];
  if (!first || first.start !== 0) return null;
  const perms = PERMISSIONS.exec(first.text);
  if (!perms) return null;
  const typeLetter = perms[1] as string;
  const permissions = perms[2] as string;
  const isDevice = typeLetter === 'c' || typeLetter === 'b';

  for (let i = 2; i < tokens.length - 1; i++) {
    const date = matchDate(tokens, i, options);
    if (!date) continue;
    const size = sizeBefore(tokens, i, isDevice);
    if (!size) continue;
    const lastDateToken = tokens[date.last] as Token;
    const name = line.slice(lastDateToken.end + 1);
    if (name.trim() === '') continue;
    const time = listTime(date.wall, options);
    if (!time) continue;

    const entry: ParsedEntry = {
      name,
      kind: typeLetter === 'd' ? 'dir' : typeLetter === 'l' ? 'link' : 'file',
      size: size.bytes,
      mtime: time.mtime,
      mtimePrecision: time.precision,
      permissions,
      mode: permissionsToMode(permissions),
      ...ownerAndGroup(line, tokens.slice(1, size.firstIndex)),
    };
    if (entry.kind === 'link') {
      entry.targetKind = null;
      const arrow = name.indexOf(' -> ');
      if (arrow >= 0) {
        entry.name = name.slice(0, arrow);
        entry.linkTarget = name.slice(arrow + 4);
      }
    }
    return entry;
  }
  return null;
}

/** The size column right before the date at `dateIndex`, or `null` if there is none. */
function sizeBefore(tokens: Token[], dateIndex: number, isDevice: boolean): { bytes: number | null; firstIndex: number } | null {
  const before = tokens[dateIndex - 1] as Token;
  if (isDevice) {
    // Device files show `major, minor` (or `major,minor`) instead of a size.
    const previous = tokens[dateIndex - 2];
    if (isDigits(before.text) && previous && dateIndex - 2 >= 1 && /^\d+,$/.test(previous.text)) {
      return { bytes: null, firstIndex: dateIndex - 2 };
    }
    if (/^\d+,\d+$/.test(before.text)) return { bytes: null, firstIndex: dateIndex - 1 };
  }
  const bytes = parseSize(before.text);
  return bytes === null ? null : { bytes, firstIndex: dateIndex - 1 };
}

/**
 * Owner and group from the words between the permissions and the size: a leading
 * number is the link count; one word left is the owner (the group is missing on
 * some servers); several words after the owner are one group with spaces
 * (`Domain Users` on Windows servers).
 */
function ownerAndGroup(line: string, fields: Token[]): { owner: string | null; group: string | null } {
  const words = fields.length > 0 && isDigits((fields[0] as Token).text) ? fields.slice(1) : fields;
  const owner = words[0];
  if (!owner) return { owner: null, group: null };
  const groupStart = words[1];
  const groupEnd = words[words.length - 1] as Token;
  return { owner: owner.text, group: groupStart ? line.slice(groupStart.start, groupEnd.end) : null };
}

/** The date that starts at token `i`, in any of the forms `ls` and its imitators print. */
function matchDate(tokens: Token[], i: number, options: ListingOptions): FoundDate | null {
  const a = (tokens[i] as Token).text;
  const b = tokens[i + 1]?.text;
  if (b === undefined) return null;
  const first = a.charCodeAt(0);
  const startsWithDigit = first >= 0x30 && first <= 0x39;

  if (!startsWithDigit || /[月월]$/.test(a)) {
    // `Jan  5 10:22`, `Jan  5  2023`, `Jan  5 10:22:33 2023` (BSD ls -T), `1月 5 10:22`.
    const month = monthFromName(a);
    const day = month === null ? null : parseDay(b);
    if (month === null || day === null) return null;
    return withTimeOrYear(tokens, i + 2, { month, day });
  }

  // `5 Jan 10:22`, `5. Okt. 2023` (day first, e.g. German locales).
  const dayFirst = parseDay(a);
  if (dayFirst !== null) {
    const month = monthFromName(b);
    if (month !== null) return withTimeOrYear(tokens, i + 2, { month, day: dayFirst });
  }

  // `2024-01-05 10:22`, `2024-01-05 10:22:33.123456789 +0100` (ls --full-time), `2024/01/05`.
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(a);
  if (iso) return withOptionalClock(tokens, i, { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) });

  // `05.01.2024 10:22` (day.month.year).
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(a);
  if (dotted) {
    return withOptionalClock(tokens, i, { year: fullYear(Number(dotted[3]), options), month: Number(dotted[2]), day: Number(dotted[1]) });
  }

  // `09-26 2000`, `09-26 13:45` (month-day, then a year or a time).
  const monthDay = /^(\d{1,2})-(\d{1,2})$/.exec(a);
  if (monthDay) return withTimeOrYear(tokens, i + 1, { month: Number(monthDay[1]), day: Number(monthDay[2]) });
  return null;
}

/** A day of the month: `5`, `05`, `5.`, `5日`. */
function parseDay(text: string): number | null {
  const match = /^(\d{1,2})[.日일]?$/.exec(text);
  if (!match) return null;
  const day = Number(match[1]);
  return day >= 1 && day <= 31 ? day : null;
}

/** Completes a date with the time or the year at token `j` (and a year after a time with seconds). */
function withTimeOrYear(tokens: Token[], j: number, wall: WallClock): FoundDate | null {
  const text = tokens[j]?.text;
  if (text === undefined) return null;
  if (text.length === 4 && isDigits(text)) {
    wall.year = Number(text);
    return { wall, last: j };
  }
  if (!addClock(wall, text)) return null;
  const after = tokens[j + 1]?.text;
  // `ls -T` (BSD): `Jan  5 10:22:33 2024 name` — only when the time has seconds, so a
  // name that starts with four digits after a plain `10:22` stays part of the name.
  if (wall.second !== undefined && after !== undefined && after.length === 4 && isDigits(after) && tokens[j + 2] !== undefined) {
    wall.year = Number(after);
    return { wall, last: j + 1 };
  }
  return { wall, last: j };
}

/** Completes a full date with an optional time and zone after token `i`. */
function withOptionalClock(tokens: Token[], i: number, wall: WallClock): FoundDate {
  const clockText = tokens[i + 1]?.text;
  if (clockText === undefined || tokens[i + 2] === undefined || !addClock(wall, clockText)) return { wall, last: i };
  const zone = /^([+-])(\d{2}):?(\d{2})$/.exec(tokens[i + 2]?.text ?? '');
  if (zone && tokens[i + 3] !== undefined) {
    const minutes = Number(zone[2]) * 60 + Number(zone[3]);
    wall.zoneMinutes = zone[1] === '-' ? -minutes : minutes;
    return { wall, last: i + 2 };
  }
  return { wall, last: i + 1 };
}

/** Sets the time of `wall` from a clock token; `false` when it is not one. */
function addClock(wall: WallClock, text: string): boolean {
  const clock = parseClock(text);
  if (!clock) return false;
  wall.hour = clock.hour;
  wall.minute = clock.minute;
  if (clock.second !== undefined) wall.second = clock.second;
  if (clock.millisecond !== undefined) wall.millisecond = clock.millisecond;
  return true;
}
