import { describe, expect, it } from 'vitest';
import { parseMlsdListing, parseMlstEntry } from '../index';
import { pick, utc, type Expected } from './helpers';

// Lines as real servers send them (fact order and case differ between servers).
const CASES: [server: string, line: string, expected: Expected][] = [
  [
    'ProFTPD',
    'modify=20240105102233;perm=adfrw;size=1024;type=file;unique=FD00U1A2B3;UNIX.group=1000;UNIX.mode=0644;UNIX.owner=1000; file name.txt',
    { name: 'file name.txt', kind: 'file', size: 1024, mtime: utc(2024, 1, 5, 10, 22, 33), mtimePrecision: 'second', permissions: 'rw-r--r--', mode: 0o644, owner: '1000', group: '1000' },
  ],
  [
    'ProFTPD dir',
    'modify=20231215080100;perm=flcdmpe;type=dir;unique=FD00U1A2B4;UNIX.group=staff;UNIX.mode=02775;UNIX.owner=ann; shared',
    { name: 'shared', kind: 'dir', permissions: 'rwxrwsr-x', mode: 0o2775, owner: 'ann', group: 'staff' },
  ],
  [
    'ProFTPD symlink with target',
    'modify=20240105102233;perm=adfr;size=7;type=OS.unix=slink:/usr/Bin;unique=FD00U1;UNIX.group=0;UNIX.mode=0777;UNIX.owner=0; bin',
    { name: 'bin', kind: 'link', linkTarget: '/usr/Bin', targetKind: null, mode: 0o777, permissions: 'rwxrwxrwx' },
  ],
  ['ProFTPD symlink without target', 'modify=20240105102233;type=OS.unix=symlink;size=7; lib', { name: 'lib', kind: 'link', linkTarget: undefined }],
  [
    'Pure-FTPd',
    'type=file;size=5368709120;modify=20240105102233;UNIX.mode=0600;UNIX.uid=1000;UNIX.gid=100;unique=803g2c4; big.iso',
    { name: 'big.iso', size: 5368709120, mode: 0o600, permissions: 'rw-------', owner: '1000', group: '100' },
  ],
  [
    'pyftpdlib',
    'modify=20240105102233;perm=radfwMT;size=12;type=file;unique=fe00g212f72;unix.gid=0;unix.mode=0o664;unix.uid=0; notes.md',
    { name: 'notes.md', size: 12, permissions: 'rw-rw-r--', mode: 0o664, owner: '0', group: '0' },
  ],
  [
    'FileZilla Server (milliseconds, perm only)',
    'type=file;size=2048;modify=20240105102233.123;perm=adfrw; Report 2024.xlsx',
    { name: 'Report 2024.xlsx', size: 2048, mtime: utc(2024, 1, 5, 10, 22, 33, 123), mtimePrecision: 'millisecond', permissions: 'adfrw', mode: null },
  ],
  [
    'IIS',
    'Type=dir;Modify=20231231235959.5; My Documents',
    { name: 'My Documents', kind: 'dir', mtime: utc(2023, 12, 31, 23, 59, 59, 500), mtimePrecision: 'millisecond' },
  ],
  ['name with semicolon and leading space', 'type=file;size=1;  a; b', { name: ' a; b', size: 1 }],
  ['Unicode name', 'type=file;size=3;modify=20240105102233; Grüße 日本語 😀.txt', { name: 'Grüße 日本語 😀.txt' }],
  ['no trailing semicolon', 'type=file;size=3 x.txt', { name: 'x.txt', size: 3 }],
  ['bad modify ignored', 'type=file;size=3;modify=20241305102233; x', { mtime: null, mtimePrecision: null }],
];

describe('parseMlsdListing', () => {
  it.each(CASES)('%s', (_server, line, expected) => {
    const listing = parseMlsdListing(line + '\r\n');
    expect(listing.unparsed).toEqual([]);
    expect(listing.rejected).toEqual([]);
    expect(listing.entries).toHaveLength(1);
    expect(pick(listing.entries[0], expected)).toEqual(expected);
    expect(listing.entries[0]?.raw).toBe(line);
  });

  it('skips cdir and pdir and keeps the children', () => {
    const text = [
      'type=cdir;sizd=4096;modify=20240105102233;perm=flcdmpe;UNIX.mode=0755; .',
      'type=pdir;sizd=4096;modify=20240105102233;perm=flcdmpe;UNIX.mode=0755; ..',
      'type=file;size=1;modify=20240105102233; a',
      'type=dir;modify=20240105102233; b',
    ].join('\r\n');
    const listing = parseMlsdListing(text);
    expect(listing.entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['a', 'file'],
      ['b', 'dir'],
    ]);
  });

  it('reports lines that are not MLSD', () => {
    const listing = parseMlsdListing('garbage without facts\ntype=file;size=1; ok\n');
    expect(listing.unparsed).toEqual(['garbage without facts']);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['ok']);
  });

  it('rejects hostile names instead of listing them', () => {
    const text = ['type=file;size=1; ../x', 'type=file;size=1; a/b', 'type=file;size=1; c\\d', 'type=dir; x\rDELE y', 'type=file; n\0ul', 'type=file;size=1; fine'].join('\r\n');
    const listing = parseMlsdListing(text);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['fine']);
    expect(listing.rejected.map((item) => item.name)).toEqual(['../x', 'a/b', 'c\\d', 'x\rDELE y', 'n\0ul']);
    expect(listing.rejected[3]?.reason).toContain('\\r');
  });

  it('ignores the server clock offset (MLSD is UTC)', () => {
    const listing = parseMlsdListing('type=file;modify=20240105102233; a\n', { serverTimeOffsetMinutes: 120 });
    expect(listing.entries[0]?.mtime).toBe(utc(2024, 1, 5, 10, 22, 33));
  });
});

describe('parseMlstEntry', () => {
  it('names the entry by the last component of the path', () => {
    const entry = parseMlstEntry(' type=file;size=1024;modify=20240105102233;UNIX.mode=0644; /pub/docs/read me.txt');
    expect(entry).toMatchObject({ name: 'read me.txt', kind: 'file', size: 1024, mode: 0o644 });
  });

  it('treats cdir as a folder and the root as "/"', () => {
    expect(parseMlstEntry(' type=cdir;modify=20240105102233; /home/ann/')).toMatchObject({ name: 'ann', kind: 'dir' });
    expect(parseMlstEntry(' type=cdir;modify=20240105102233; /')).toMatchObject({ name: '/', kind: 'dir' });
  });

  it('returns null for garbage and hostile names', () => {
    expect(parseMlstEntry('550 not found')).toBeNull();
    expect(parseMlstEntry(' type=file; /pub/..')).toBeNull();
    expect(parseMlstEntry(' type=file; /pub/x\rDELE y')).toBeNull();
  });
});
