import { describe, expect, it } from 'vitest';
import { parseListLine, parseListListing } from '../index';
import { NOW, pick, utc, type Expected } from './helpers';

const options = { now: NOW };

// IIS, Windows NT FTP service and `dir`-style lines.
const CASES: [source: string, line: string, expected: Expected][] = [
  ['IIS folder', '04-27-00  09:09PM       <DIR>          DOS dir 1', { name: 'DOS dir 1', kind: 'dir', size: null, mtime: utc(2000, 4, 27, 21, 9), mtimePrecision: 'minute' }],
  ['IIS file', '04-14-00  03:47PM                  589 DOS file 1', { name: 'DOS file 1', kind: 'file', size: 589, mtime: utc(2000, 4, 14, 15, 47) }],
  ['IIS midnight (12AM)', '01-05-24  12:05AM                 1024 midnight.txt', { mtime: utc(2024, 1, 5, 0, 5) }],
  ['IIS noon (12PM)', '01-05-24  12:05PM                 1024 noon.txt', { mtime: utc(2024, 1, 5, 12, 5) }],
  ['Windows NT, 4-digit year', '01-05-2024  10:22AM                 1024 nt.txt', { name: 'nt.txt', mtime: utc(2024, 1, 5, 10, 22) }],
  ['24-hour time', '12-31-23  23:59                    17 late.txt', { mtime: utc(2023, 12, 31, 23, 59) }],
  ['ISO date folder', '2002-09-02  18:48       <DIR>          DOS dir 2', { name: 'DOS dir 2', kind: 'dir', mtime: utc(2002, 9, 2, 18, 48) }],
  ['ISO date with thousands separator', '2002-09-02  19:06                9,730 DOS file 2', { name: 'DOS file 2', size: 9730 }],
  ['slash date and separate AM/PM (dir)', '01/05/2024  10:22 PM    <DIR>          Documents', { name: 'Documents', kind: 'dir', mtime: utc(2024, 1, 5, 22, 22) }],
  ['dotted day.month.year', '05.01.2024  10:22                 1.024 de.txt', { name: 'de.txt', size: 1024, mtime: utc(2024, 1, 5, 10, 22) }],
  ['name with leading space keeps it', '01-05-24  10:22AM                    5  lead', { name: ' lead' }],
  ['folder name with leading space keeps it', '01-05-24  10:22AM       <DIR>           lead dir', { name: ' lead dir' }],
  ['junction with target', '01/05/2024  10:22 AM    <JUNCTION>     Application Data [C:\\Users\\ann\\AppData\\Roaming]', { name: 'Application Data', kind: 'link', linkTarget: 'C:\\Users\\ann\\AppData\\Roaming', targetKind: 'dir' }],
  ['Unicode name', '01-05-24  10:22AM                 2048 Überweisung 2024.pdf', { name: 'Überweisung 2024.pdf', size: 2048 }],
  ['big size', '01-05-24  10:22AM           5368709120 disk.vhd', { size: 5368709120 }],
];

describe('DOS LIST lines', () => {
  it.each(CASES)('%s', (_source, line, expected) => {
    expect(pick(parseListLine(line, options), expected)).toEqual(expected);
  });

  it('rejects impossible dates and times rather than inventing one', () => {
    expect(parseListLine('13-45-24  10:22AM                 1 x', options)).toBeNull();
    expect(parseListLine('02-30-24  10:22AM                 1 x', options)).toBeNull();
    expect(parseListLine('01-05-24  13:22PM                 1 x', options)).toBeNull();
  });

  it('parses a whole IIS reply', () => {
    const text = '04-27-00  09:09PM       <DIR>          a\r\n04-14-00  03:47PM                  589 b\r\n';
    const listing = parseListListing(text, options);
    expect(listing.entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['a', 'dir'],
      ['b', 'file'],
    ]);
    expect(listing.unparsed).toEqual([]);
  });
});
