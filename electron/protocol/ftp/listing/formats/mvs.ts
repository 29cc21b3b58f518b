/**
 * IBM MVS / z/OS lines. A data set listing:
 *
 *     Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname
 *     WYOSPT 3420   2003/03/18  2  90  FB      80  3200  PO  MVS.DIR
 *     SMS001 3390   2024/01/05  1   15  FB      80 27920  PS  USER1.DATA
 *     Migrated                                                USER1.OLD.DATA
 *
 * and a member listing of a partitioned data set (PDS):
 *
 *      Name     VV.MM   Created       Changed      Size  Init   Mod   Id
 *     MEMBER1   01.01 2002/09/12 2002/09/12 13:51    1     1     0 USER1
 *
 * A PDS (`PO`) is a folder. "Referred" is the date of last use, not of change, and
 * member "Size" counts records, not bytes: both stay out of `mtime`/`size` so a
 * comparison never relies on them. Members listed without statistics (a bare name
 * after the member header) are handled by `parseListListing`, which knows the header.
 */
import { fullYear, listTime } from '../dates';
import type { ListingOptions, ParsedEntry } from '../types';

const DATA_SET = /^(\S+) +(\d{4}) +(?:\d{4}\/\d{2}\/\d{2}|\*\*NONE\*\*) +\d+ +\d+ +[A-Z]{1,4} +\d+ +\d+ +(PO-E|PO|PS|DA|IS|VS|[A-Z]{1,4}) +(\S+)$/;
const MIGRATED = /^Migrated +(\S+)$/;
const MEMBER =
  /^(\S{1,8}) +\d{2}\.\d{2} +\d{2,4}\/\d{2}\/\d{2} +(\d{2,4})\/(\d{2})\/(\d{2}) +(\d{1,2}):(\d{2})(?::(\d{2}))? +\d+ +\d+ +\d+ +(\S+)$/;
const BARE_MEMBER = /^ *([A-Z#@$][A-Z0-9#@$]{0,7})(?: .*)?$/;

/** Parses one MVS data set or PDS member line; `null` when it is not one. */
export function parseMvsLine(line: string, options: ListingOptions = {}): ParsedEntry | null {
  const dataSet = DATA_SET.exec(line);
  if (dataSet) {
    const dsorg = dataSet[3] as string;
    return blank(dataSet[4] as string, dsorg === 'PO' || dsorg === 'PO-E' ? 'dir' : 'file');
  }
  const migrated = MIGRATED.exec(line);
  if (migrated) return blank(migrated[1] as string, 'file');

  const member = MEMBER.exec(line);
  if (!member) return null;
  const [, name, year, month, day, hour, minute, second, id] = member as unknown as (string | undefined)[];
  const time = listTime(
    {
      year: fullYear(Number(year), options),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      ...(second === undefined ? {} : { second: Number(second) }),
    },
    options,
  );
  if (!time) return null;
  return { ...blank(name as string, 'file'), mtime: time.mtime, mtimePrecision: time.precision, owner: id ?? null };
}

/**
 * A member named on its own line (a PDS without statistics, or a load library
 * whose other columns Ferry does not read). Only valid after a member header.
 */
export function parseMvsBareMember(line: string): ParsedEntry | null {
  const match = BARE_MEMBER.exec(line);
  return match ? blank(match[1] as string, 'file') : null;
}

function blank(name: string, kind: 'file' | 'dir'): ParsedEntry {
  return { name, kind, size: null, mtime: null, mtimePrecision: null, permissions: null, mode: null, owner: null, group: null };
}
