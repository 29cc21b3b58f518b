/**
 * OpenVMS lines (MultiNet, TCPware, HP TCP/IP Services, UCX):
 *
 *     LOGIN.COM;2                 2/3     5-JAN-2024 10:22:33  [USERS,ANN]  (RWED,RWED,RE,)
 *     SUBDIR.DIR;1                1/3    15-DEC-2023 08:01:00.45  [ANN]  (RWE,RWE,RE,E)
 *     A_VERY_LONG_FILE_NAME_THAT_DOES_NOT_FIT.TXT;12
 *                                12/24   5-JAN-2024 10:22:33  [USERS,ANN]  (RWED,RWED,RE,)
 *
 * A long name pushes the rest onto the next line; `parseListListing` joins the two.
 * A `NAME.DIR;n` entry is the folder `NAME` (that is what CWD takes). Other names
 * keep their `;version`: every version is its own file and `RETR NAME.EXT;1`
 * fetches exactly that one.
 *
 * The size column counts 512-byte blocks, used/allocated. It is not the byte size
 * (records and the last block are partial), so `size` stays `null` rather than an
 * estimate a transfer would then check against and fail.
 */
import { fullYear, listTime, monthFromName, parseClock } from '../dates';
import type { ListingOptions, ParsedEntry } from '../types';

const NAME_ONLY = /^\s*([^\s;]+;\d+)\s*$/;
const FULL =
  /^\s*([^\s;]+;\d+)\s+(\d+)(?:\/(\d+))?\s+(\d{1,2})-([A-Za-z]{3})-(\d{2,4})\s+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:\s+\[([^\]]*)\])?(?:\s+(\([^)]*\)))?\s*$/;
// A file the server could not read the attributes of: `SECRET.DAT;1  %RMS-E-PRV, insufficient privilege…`.
const WITH_ERROR = /^\s*([^\s;]+;\d+)\s+%[A-Z]+-[A-Z]-[A-Z]+,/;

/** Whether `line` is just a VMS file name: the first half of a wrapped entry, or a bare-name listing. */
export function isVmsNameOnly(line: string): boolean {
  return NAME_ONLY.test(line);
}

/** Parses one VMS line (or a joined wrapped pair); `null` when it is not one. */
export function parseVmsLine(line: string, options: ListingOptions = {}): ParsedEntry | null {
  const full = FULL.exec(line);
  if (full) {
    const [, name, , , day, monthName, year, clockText, owner, protection] = full as unknown as (string | undefined)[];
    const month = monthFromName(monthName as string);
    const clock = parseClock(clockText as string);
    if (month === null || !clock) return null;
    const time = listTime({ year: fullYear(Number(year), options), month, day: Number(day), ...clock }, options);
    if (!time) return null;
    return {
      ...entryFor(name as string),
      mtime: time.mtime,
      mtimePrecision: time.precision,
      permissions: protection ?? null,
      ...ownerOf(owner),
    };
  }
  const named = NAME_ONLY.exec(line) ?? WITH_ERROR.exec(line);
  return named ? entryFor(named[1] as string) : null;
}

/** An entry with only what the name tells: kind, and the name CWD/RETR use. */
function entryFor(versionedName: string): ParsedEntry {
  const folder = /^(.+)\.DIR;\d+$/i.exec(versionedName);
  return {
    name: folder ? (folder[1] as string) : versionedName,
    kind: folder ? 'dir' : 'file',
    size: null,
    mtime: null,
    mtimePrecision: null,
    permissions: null,
    mode: null,
    owner: null,
    group: null,
  };
}

/** `[GROUP,OWNER]` or `[OWNER]` (a UIC or identifier). */
function ownerOf(uic: string | undefined): { owner: string | null; group: string | null } {
  if (uic === undefined || uic.trim() === '') return { owner: null, group: null };
  const comma = uic.indexOf(',');
  if (comma < 0) return { owner: uic.trim(), group: null };
  return { owner: uic.slice(comma + 1).trim(), group: uic.slice(0, comma).trim() };
}
