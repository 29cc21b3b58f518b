/**
 * DOS / Windows lines, as IIS (in its default "MS-DOS" style) and Windows NT/2000
 * FTP servers send them, and as `dir` prints them:
 *
 *     01-05-24  10:22AM       <DIR>          Program Files
 *     01-05-24  10:22AM                 1024 file name.txt
 *     01-05-2024  22:22                9,730 report.pdf        (4-digit year, 24 h)
 *     2024-01-05  10:22       <DIR>          dir               (ISO date)
 *     05.01.2024  10:22    <JUNCTION>     Link [C:\target]     (day.month.year)
 *
 * After a size comes one space and the name; after a `<DIR>`-style tag the name
 * starts where file names start (the tag plus its padding fill 15 columns), so
 * names keep their leading spaces whenever the server kept the column layout.
 */
import { fullYear, listTime } from '../dates';
import { parseSize } from '../tokens';
import type { ListingOptions, ParsedEntry } from '../types';

const HEAD = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{2,4}) +(\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])?(?= )/;
const TAG = /^<(DIR|JUNCTION|SYMLINKD|SYMLINK)>/i;
// `<DIR>` and its padding are 15 columns wide in IIS and `dir` output.
const TAG_COLUMNS = 15;

/** Parses one DOS-style line; `null` when it is not one. */
export function parseDosLine(line: string, options: ListingOptions = {}): ParsedEntry | null {
  const head = HEAD.exec(line);
  if (!head) return null;
  const date = dateOf(head, options);
  if (!date) return null;
  let hour = Number(head[5]);
  const meridiem = head[8]?.toUpperCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  const wall = { ...date, hour, minute: Number(head[6]), ...(head[7] === undefined ? {} : { second: Number(head[7]) }) };
  const time = listTime(wall, options);
  if (!time) return null;

  let position = head[0].length;
  while (line[position] === ' ') position++;
  const rest = line.slice(position);
  const base = { mtime: time.mtime, mtimePrecision: time.precision, permissions: null, mode: null, owner: null, group: null };

  const tag = TAG.exec(rest);
  if (tag) {
    const tagName = (tag[1] as string).toUpperCase();
    const columnEnd = position + TAG_COLUMNS;
    const padded = line.length > columnEnd && /^ *$/.test(line.slice(position + tag[0].length, columnEnd));
    let name = padded ? line.slice(columnEnd) : line.slice(position + tag[0].length).trimStart();
    if (name.trim() === '') return null;
    if (tagName === 'DIR') return { ...base, name, kind: 'dir', size: null };
    // `dir` shows the target of junctions and symbolic links as ` [target]`.
    const target = / \[([^\]]*)\]$/.exec(name);
    let linkTarget: string | undefined;
    if (target) {
      linkTarget = target[1] as string;
      name = name.slice(0, target.index);
    }
    return {
      ...base,
      name,
      kind: 'link',
      size: null,
      targetKind: tagName === 'SYMLINK' ? 'file' : 'dir',
      ...(linkTarget === undefined ? {} : { linkTarget }),
    };
  }

  const sizeEnd = rest.indexOf(' ');
  if (sizeEnd <= 0) return null;
  const size = parseSize(rest.slice(0, sizeEnd));
  const name = rest.slice(sizeEnd + 1);
  if (size === null || name.trim() === '') return null;
  return { ...base, name, kind: 'file', size };
}

/** Year, month and day of the date column: `MM-DD-YY(YY)`, `YYYY-MM-DD` or `DD.MM.YYYY`. */
function dateOf(head: RegExpExecArray, options: ListingOptions): { year: number; month: number; day: number } | null {
  const [, first, separator, second, third] = head as unknown as [string, string, string, string, string];
  if (first.length === 4) {
    if (third.length > 2) return null;
    return { year: Number(first), month: Number(second), day: Number(third) };
  }
  if (first.length > 2) return null;
  const year = fullYear(Number(third), options);
  if (separator === '.') return { year, month: Number(second), day: Number(first) };
  let month = Number(first);
  let day = Number(second);
  // US order is the rule; a first number above 12 can only be a day.
  if (month > 12 && day <= 12) [month, day] = [day, month];
  return { year, month, day };
}
