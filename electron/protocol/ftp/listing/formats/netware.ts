/**
 * Novell NetWare lines:
 *
 *     d [R----F--] supervisor            512       Jan 16 18:53    login
 *     - [RWCEAFMS] rhesus             214059       Oct 20  2023    cx.exe
 *
 * The bracketed rights are NetWare trustee rights, not Unix bits: they go into
 * `permissions` as written and `mode` stays `null`. NetWare pads before the name,
 * so leading blanks are not part of it.
 */
import { listTime, monthFromName, parseClock } from '../dates';
import { isDigits, tokenize } from '../tokens';
import type { ListingOptions, ParsedEntry } from '../types';

const RIGHTS = /^\[[-RWCEAFMSI]{8,9}\]$/i;

/** Parses one NetWare line; `null` when it is not one. */
export function parseNetwareLine(line: string, options: ListingOptions = {}): ParsedEntry | null {
  if (line[1] !== ' ' || (line[0] !== 'd' && line[0] !== '-')) return null;
  const tokens = tokenize(line, 8);
  const [type, rights, owner, size, monthText, dayText, timeOrYear, nameStart] = tokens;
  if (!rights || !owner || !size || !monthText || !dayText || !timeOrYear || !nameStart) return null;
  if (!RIGHTS.test(rights.text) || !isDigits(size.text) || !/^\d{1,2}$/.test(dayText.text)) return null;
  const month = monthFromName(monthText.text);
  if (month === null) return null;
  const isYear = /^\d{4}$/.test(timeOrYear.text);
  const clock = isYear ? {} : parseClock(timeOrYear.text);
  if (!clock) return null;
  const time = listTime({ month, day: Number(dayText.text), ...(isYear ? { year: Number(timeOrYear.text) } : clock) }, options);
  if (!time) return null;
  return {
    name: line.slice(nameStart.start),
    kind: type?.text === 'd' ? 'dir' : 'file',
    size: Number(size.text),
    mtime: time.mtime,
    mtimePrecision: time.precision,
    permissions: rights.text,
    mode: null,
    owner: owner.text,
    group: null,
  };
}
