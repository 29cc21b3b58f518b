/**
 * Wind River VxWorks FTP server lines (routers, PLCs, printers):
 *
 *       size          date       time       name
 *     --------       ------     ------    --------
 *          41        Apr-02-2007 08:54:30   file.txt
 *         512        Apr-02-2007 08:54:30   logs           <DIR>
 *
 * The two title lines are skipped as headers; a folder carries `<DIR>` after its name.
 */
import { listTime, monthFromName } from '../dates';
import type { ListingOptions, ParsedEntry } from '../types';

const LINE = /^ *(\d+) +([A-Za-z]{3})-(\d{1,2})-(\d{4}) +(\d{1,2}):(\d{2}):(\d{2}) +(\S(?:.*\S)?) *$/;
const DIR_MARK = /^(.*?) +<DIR>$/;

/** Parses one VxWorks line; `null` when it is not one. */
export function parseVxworksLine(line: string, options: ListingOptions = {}): ParsedEntry | null {
  const match = LINE.exec(line);
  if (!match) return null;
  const [, size, monthName, day, year, hour, minute, second, rest] = match as unknown as string[];
  const month = monthFromName(monthName as string);
  if (month === null) return null;
  const time = listTime(
    { year: Number(year), month, day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) },
    options,
  );
  if (!time) return null;
  const folder = DIR_MARK.exec(rest as string);
  return {
    name: folder ? (folder[1] as string) : (rest as string),
    kind: folder ? 'dir' : 'file',
    size: folder ? null : Number(size),
    mtime: time.mtime,
    mtimePrecision: time.precision,
    permissions: null,
    mode: null,
    owner: null,
    group: null,
  };
}
