/**
 * IBM AS/400 (OS/400, IBM i) lines, from the IFS and from QSYS.LIB:
 *
 *     QSYS           77824 02/23/00 15:09:55 *DIR       QOpenSys/
 *     ANN            45056 04/12/06 14:19:31 *FILE      MYFILE.FILE/
 *     ANN                                    *MEM       MYFILE.FILE/MBR1.MBR
 *     ANN             1024 05.01.24 10:22:33 *STMF      report.txt
 *
 * Owner, size, date in the job's format (`MM/DD/YY`, `DD.MM.YY`, `YY-MM-DD`,
 * `YYYY-MM-DD`), time, object type, name. A trailing `/` marks something CWD can
 * enter. A member is listed as `FILE.FILE/MEMBER.MBR` inside its file: its name
 * is the part after the last `/`.
 */
import { fullYear, listTime } from '../dates';
import type { ListingOptions, ParsedEntry } from '../types';

const WITH_STATS = /^(\S+) +(\d+) +(\d{1,4})([/.-])(\d{1,2})\4(\d{1,4}) +(\d{1,2}):(\d{2}):(\d{2}) +(\*[A-Z][A-Z0-9]*) +(\S.*)$/;
const WITHOUT_STATS = /^(\S+) +(\*[A-Z][A-Z0-9]*) +(\S.*)$/;
const FOLDER_TYPES = new Set(['*DIR', '*DDIR', '*LIB', '*FLR']);

/** Parses one AS/400 line; `null` when it is not one. */
export function parseAs400Line(line: string, options: ListingOptions = {}): ParsedEntry | null {
  const full = WITH_STATS.exec(line);
  if (full) {
    const [, owner, size, a, separator, b, c, hour, minute, second, type, name] = full as unknown as string[];
    const date = dateOf(a as string, separator as string, b as string, c as string, options);
    const time = date && listTime({ ...date, hour: Number(hour), minute: Number(minute), second: Number(second) }, options);
    if (!time) return null;
    const entry = entryFor(owner as string, type as string, name as string);
    if (entry.kind === 'file') entry.size = Number(size);
    entry.mtime = time.mtime;
    entry.mtimePrecision = time.precision;
    return entry;
  }
  const bare = WITHOUT_STATS.exec(line);
  return bare ? entryFor(bare[1] as string, bare[2] as string, bare[3] as string) : null;
}

function entryFor(owner: string, type: string, written: string): ParsedEntry {
  let name = written;
  const enterable = name.endsWith('/') || FOLDER_TYPES.has(type);
  if (name.endsWith('/')) name = name.slice(0, -1);
  else if (type === '*MEM') name = name.slice(name.lastIndexOf('/') + 1);
  return {
    name,
    kind: type === '*SYMLNK' ? 'link' : enterable ? 'dir' : 'file',
    ...(type === '*SYMLNK' ? { targetKind: null } : {}),
    size: null,
    mtime: null,
    mtimePrecision: null,
    permissions: null,
    mode: null,
    owner,
    group: null,
  };
}

function dateOf(a: string, separator: string, b: string, c: string, options: ListingOptions): { year: number; month: number; day: number } | null {
  if (a.length === 4) return { year: Number(a), month: Number(b), day: Number(c) };
  if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return null;
  if (separator === '.') return { year: fullYear(Number(c), options), month: Number(b), day: Number(a) };
  if (separator === '-') return { year: fullYear(Number(a), options), month: Number(b), day: Number(c) };
  let month = Number(a);
  let day = Number(b);
  if (month > 12 && day <= 12) [month, day] = [day, month];
  return { year: fullYear(Number(c), options), month, day };
}
