import { describe, expect, it } from 'vitest';
import { parseListLine, parseListListing } from '../index';
import { NOW, pick, utc, type Expected } from './helpers';

const options = { now: NOW };

const CASES: [format: string, line: string, expected: Expected][] = [
  // EPLF (publicfile, anonftpd)
  ['EPLF folder', '+i8388621.29609,m824255902,/,\tdev', { name: 'dev', kind: 'dir', mtime: 824255902000, mtimePrecision: 'second' }],
  ['EPLF file', '+i8388621.44468,m839956783,r,s10376,\tRFCEPLF', { name: 'RFCEPLF', kind: 'file', size: 10376, mtime: 839956783000 }],
  ['EPLF with up', '+r,s5,m1704450153,up644,\tread me.txt', { name: 'read me.txt', size: 5, mode: 0o644, permissions: 'rw-r--r--' }],
  // VMS (MultiNet, TCPware, UCX)
  [
    'VMS file',
    'LOGIN.COM;2                 2/3     5-JAN-2024 10:22:33  [USERS,ANN]  (RWED,RWED,RE,)',
    { name: 'LOGIN.COM;2', kind: 'file', size: null, mtime: utc(2024, 1, 5, 10, 22, 33), mtimePrecision: 'second', owner: 'ANN', group: 'USERS', permissions: '(RWED,RWED,RE,)', mode: null },
  ],
  ['VMS folder', 'SUBDIR.DIR;1                1/3    15-DEC-2023 08:01:00.45  [ANN]  (RWE,RWE,RE,E)', { name: 'SUBDIR', kind: 'dir', owner: 'ANN', group: null, mtime: utc(2023, 12, 15, 8, 1, 0, 450), mtimePrecision: 'millisecond' }],
  ['MultiNet', 'CII-MANUAL.TEX;1  213/216  29-JAN-1996 03:33:12  [ANONYMOU,ANONYMOUS]   (RWED,RWED,,)', { name: 'CII-MANUAL.TEX;1', owner: 'ANONYMOUS', group: 'ANONYMOU', mtime: utc(1996, 1, 29, 3, 33, 12) }],
  ['VMS without owner and protection', 'README.TXT;5   12  5-JAN-2024 10:22', { name: 'README.TXT;5', mtime: utc(2024, 1, 5, 10, 22), mtimePrecision: 'minute', owner: null, permissions: null }],
  ['VMS without attributes (privilege)', 'SECRET.DAT;1        %RMS-E-PRV, insufficient privilege or file protection violation', { name: 'SECRET.DAT;1', kind: 'file', mtime: null }],
  // NetWare
  ['NetWare folder', 'd [R----F--] supervisor            512       Jan 16 18:53    login', { name: 'login', kind: 'dir', owner: 'supervisor', permissions: '[R----F--]', mtime: utc(2024, 1, 16, 18, 53) }],
  ['NetWare file', '- [RWCEAFMS] rhesus             214059       Oct 20  2023    cx.exe', { name: 'cx.exe', kind: 'file', size: 214059, mtime: utc(2023, 10, 20), mtimePrecision: 'day', mode: null }],
  // OS/2
  ['OS/2 folder', '    0           DIR   05-12-97   16:44  PSFONTS', { name: 'PSFONTS', kind: 'dir', mtime: utc(1997, 5, 12, 16, 44) }],
  ['OS/2 file, year 103', '36611      A    04-23-103   10:57  OS2 test1.file', { name: 'OS2 test1.file', kind: 'file', size: 36611, mtime: utc(2003, 4, 23, 10, 57) }],
  ['OS/2 file', ' 1123      A    07-14-99   12:37  OS2 test2.file', { name: 'OS2 test2.file', size: 1123, mtime: utc(1999, 7, 14, 12, 37) }],
  ['OS/2 folder with attribute', ' 1123 DIR  A    10-05-100   23:38  OS2 test2.dir', { name: 'OS2 test2.dir', kind: 'dir', mtime: utc(2000, 10, 5, 23, 38) }],
  // VxWorks
  ['VxWorks file', '    41        Apr-02-2007 08:54:30   file.txt', { name: 'file.txt', kind: 'file', size: 41, mtime: utc(2007, 4, 2, 8, 54, 30), mtimePrecision: 'second' }],
  ['VxWorks folder', '  2048        Feb-28-1998 05:23:30   vxworks dir      <DIR>', { name: 'vxworks dir', kind: 'dir', size: null, mtime: utc(1998, 2, 28, 5, 23, 30) }],
  // AS/400
  ['AS/400 IFS folder', 'QSYS           77824 02/23/00 15:09:55 *DIR       QOpenSys/', { name: 'QOpenSys', kind: 'dir', owner: 'QSYS', mtime: utc(2000, 2, 23, 15, 9, 55) }],
  ['AS/400 stream file', 'ANN             1024 05.01.24 10:22:33 *STMF      report 2024.txt', { name: 'report 2024.txt', kind: 'file', size: 1024, mtime: utc(2024, 1, 5, 10, 22, 33) }],
  ['AS/400 physical file', 'CFT             45056 04/12/06 14:19:31 *FILE      AS400 Test1/', { name: 'AS400 Test1', kind: 'dir', owner: 'CFT', mtime: utc(2006, 4, 12, 14, 19, 31) }],
  ['AS/400 member', 'CFT                                     *MEM       AS400 Test1.FILE/MBR1.MBR', { name: 'MBR1.MBR', kind: 'file', mtime: null, owner: 'CFT' }],
  ['AS/400 ISO date', 'ANN             4096 2024-01-05 10:22:33 *DIR       home/', { name: 'home', kind: 'dir', mtime: utc(2024, 1, 5, 10, 22, 33) }],
  // MVS
  ['MVS partitioned data set', 'WYOSPT 3420   2003/03/18  2  90  FB      80  3200  PO  MVS.DIR', { name: 'MVS.DIR', kind: 'dir', size: null, mtime: null }],
  ['MVS sequential data set', 'SMS001 3390   2024/01/05  1   15  FB      80 27920  PS  USER1.DATA', { name: 'USER1.DATA', kind: 'file' }],
  ['MVS migrated data set', 'Migrated                                                USER1.OLD.DATA', { name: 'USER1.OLD.DATA', kind: 'file' }],
  ['MVS member', 'MEMBER1   01.01 2002/09/12 2002/09/12 13:51    1     1     0 USER1', { name: 'MEMBER1', kind: 'file', size: null, owner: 'USER1', mtime: utc(2002, 9, 12, 13, 51) }],
];

describe('other LIST formats', () => {
  it.each(CASES)('%s', (_format, line, expected) => {
    expect(pick(parseListLine(line, options), expected)).toEqual(expected);
  });
});

describe('VMS listings', () => {
  it('joins entries whose long name wrapped onto its own line and skips the headers', () => {
    const text = [
      '',
      'Directory DISK$USERS:[ANN]',
      '',
      'A_VERY_LONG_FILE_NAME_THAT_DOES_NOT_FIT.TXT;12',
      '                           12/24      5-JAN-2024 10:22:33  [USERS,ANN]  (RWED,RWED,RE,)',
      'LOGIN.COM;2                 2/3       5-JAN-2024 10:22:33  [USERS,ANN]  (RWED,RWED,RE,)',
      'ANOTHER_VERY_LONG_FOLDER_NAME_HERE.DIR;1',
      '                            1/3      15-DEC-2023 08:01:00  [USERS,ANN]  (RWE,RWE,RE,E)',
      '',
      'Total of 3 files, 15/30 blocks.',
    ].join('\r\n');
    const listing = parseListListing(text, options);
    expect(listing.unparsed).toEqual([]);
    expect(listing.entries.map((entry) => [entry.name, entry.kind, entry.mtime])).toEqual([
      ['A_VERY_LONG_FILE_NAME_THAT_DOES_NOT_FIT.TXT;12', 'file', utc(2024, 1, 5, 10, 22, 33)],
      ['LOGIN.COM;2', 'file', utc(2024, 1, 5, 10, 22, 33)],
      ['ANOTHER_VERY_LONG_FOLDER_NAME_HERE', 'dir', utc(2023, 12, 15, 8, 1, 0)],
    ]);
    expect(listing.entries[0]?.raw).toBe(
      'A_VERY_LONG_FILE_NAME_THAT_DOES_NOT_FIT.TXT;12\n                           12/24      5-JAN-2024 10:22:33  [USERS,ANN]  (RWED,RWED,RE,)',
    );
  });

  it('lists bare names (a short VMS listing) without joining them', () => {
    const listing = parseListListing('A.TXT;1\r\nB.DIR;1\r\nC.TXT;3\r\n', options);
    expect(listing.entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['A.TXT;1', 'file'],
      ['B', 'dir'],
      ['C.TXT;3', 'file'],
    ]);
  });
});

describe('headers of other formats', () => {
  it('skips VxWorks column titles', () => {
    const text = '  size          date       time       name\n--------       ------     ------    --------\n    41        Apr-02-2007 08:54:30   file.txt\n';
    const listing = parseListListing(text, options);
    expect(listing.unparsed).toEqual([]);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['file.txt']);
  });

  it('reads MVS data sets and members, including bare member names after the member header', () => {
    const dataSets = parseListListing(
      'Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname\r\nWYOSPT 3420   2003/03/18  2  90  FB      80  3200  PO  MVS.DIR\r\n',
      options,
    );
    expect(dataSets.unparsed).toEqual([]);
    expect(dataSets.entries.map((entry) => [entry.name, entry.kind])).toEqual([['MVS.DIR', 'dir']]);

    const members = parseListListing(
      ' Name     VV.MM   Created       Changed      Size  Init   Mod   Id\r\nMEMBER1   01.01 2002/09/12 2002/09/12 13:51    1     1     0 USER1\r\nNOSTATS\r\n',
      options,
    );
    expect(members.unparsed).toEqual([]);
    expect(members.entries.map((entry) => entry.name)).toEqual(['MEMBER1', 'NOSTATS']);
  });

  it('does not take a bare word for an MVS member without the header', () => {
    expect(parseListListing('NOSTATS\r\n', options).unparsed).toEqual(['NOSTATS']);
  });
});
