/**
 * IBM OS/2 TCP/IP FTP server lines:
 *
 *         0           DIR   05-12-97   16:44  PSFONTS
 *     36611      A    04-23-103   10:57  OS2 test1.file
 *      1123 DIR  A    10-05-100   23:38  OS2 test2.dir
 *
 * Size, attribute columns (`DIR`, `A`rchive, `R`ead-only, `H`idden, `S`ystem),
 * `MM-DD-YY` where years from 2000 on are written as years since 1900 (`103`),
 * time, then the name.
 */
import { fullYear, listTime } from '../dates';
import type { ListingOptions, ParsedEntry } from '../types';

const LINE = /^ *(\d+) +((?:(?:DIR|[ARHS]) +)*)(\d{1,2})-(\d{1,2})-(\d{2,3}) +(\d{1,2}):(\d{2}) +(\S.*)$/;

/** Parses one OS/2 line; `null` when it is not one. */
export function parseOs2Line(line: string, options: ListingOptions = {}): ParsedEntry | null {
  const match = LINE.exec(line);
  if (!match) return null;
  const [, size, attributes, month, day, year, hour, minute, name] = match as unknown as string[];
  const time = listTime(
    { year: fullYear(Number(year), options), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute) },
    options,
  );
  if (!time) return null;
  const isDir = /\bDIR\b/.test(attributes as string);
  return {
    name: name as string,
    kind: isDir ? 'dir' : 'file',
    size: isDir ? null : Number(size),
    mtime: time.mtime,
    mtimePrecision: time.precision,
    permissions: null,
    mode: null,
    owner: null,
    group: null,
  };
}
