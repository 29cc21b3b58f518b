import { describe, expect, it } from 'vitest';
import { parseListLine, parseListListing } from '../index';
import { NOW, pick, utc, type Expected } from './helpers';

const options = { now: NOW };

// Real `ls -l` style lines from the servers named (now = 2024-06-15 12:00 UTC).
const CASES: [source: string, line: string, expected: Expected][] = [
  [
    'vsftpd, numeric owner',
    '-rw-r--r--    1 1000     1000         1024 Jan 05 10:22 file name.txt',
    { name: 'file name.txt', kind: 'file', size: 1024, mtime: utc(2024, 1, 5, 10, 22), mtimePrecision: 'minute', permissions: 'rw-r--r--', mode: 0o644, owner: '1000', group: '1000' },
  ],
  [
    'vsftpd, old file with year',
    'drwxr-xr-x    2 0        0            4096 Mar 09  2021 pub',
    { name: 'pub', kind: 'dir', size: 4096, mtime: utc(2021, 3, 9), mtimePrecision: 'day', owner: '0', group: '0', mode: 0o755 },
  ],
  [
    'ProFTPD',
    '-rw-r--r--   1 ann      staff      104857600 Jun 14 23:59 backup.tar.gz',
    { name: 'backup.tar.gz', size: 104857600, mtime: utc(2024, 6, 14, 23, 59), owner: 'ann', group: 'staff' },
  ],
  [
    'ProFTPD symlink',
    'lrwxrwxrwx   1 root     root            7 Jan 25 00:17 bin -> usr/bin',
    { name: 'bin', kind: 'link', linkTarget: 'usr/bin', targetKind: null, size: 7, permissions: 'rwxrwxrwx', mode: 0o777 },
  ],
  [
    'symlink whose name has spaces',
    'lrwxrwxrwx   1 ann      ann            13 May  1 08:00 My Link -> ../Other Dir',
    { name: 'My Link', linkTarget: '../Other Dir', kind: 'link' },
  ],
  [
    'Pure-FTPd',
    'drwxr-xr-x    4 1000       users            4096 Dec 31  2023 Music',
    { name: 'Music', kind: 'dir', mtime: utc(2023, 12, 31), owner: '1000', group: 'users' },
  ],
  [
    'FileZilla Server 0.9',
    '-rw-r--r-- 1 ftp ftp         733298 Feb 29 13:14 photo.jpg',
    { name: 'photo.jpg', size: 733298, mtime: utc(2024, 2, 29, 13, 14), owner: 'ftp', group: 'ftp' },
  ],
  [
    'Serv-U',
    'drw-rw-rw-   1 user     group           0 Apr 10 09:15 Incoming',
    { name: 'Incoming', kind: 'dir', size: 0, permissions: 'rw-rw-rw-', mode: 0o666 },
  ],
  [
    'Solaris, missing group',
    'dr-xr-xr-x   2 root                  512 Apr  8  1994 etc',
    { name: 'etc', kind: 'dir', size: 512, owner: 'root', group: null, mtime: utc(1994, 4, 8) },
  ],
  [
    'device file (major, minor)',
    'crw-rw-rw-   1 root     root       1,   3 Jan  5 10:22 null',
    { name: 'null', kind: 'file', size: null, owner: 'root', group: 'root', mode: 0o666 },
  ],
  [
    'block device, Solaris spacing',
    'brw-rw----   1 root     disk       8,  0 Jan  5 10:22 sda',
    { name: 'sda', size: null, group: 'disk' },
  ],
  [
    'ACL marker',
    '-rw-r--r--+  1 ann      staff       2048 Jan  5 10:22 acl.txt',
    { name: 'acl.txt', size: 2048, permissions: 'rw-r--r--' },
  ],
  [
    'SELinux marker',
    'drwxr-xr-x.  3 root     root          18 Jan  5 10:22 selinux',
    { name: 'selinux', kind: 'dir' },
  ],
  [
    'macOS xattr marker',
    '-rw-r--r--@  1 ann  staff  6148 Jan  5 10:22 .DS_Store',
    { name: '.DS_Store', size: 6148 },
  ],
  [
    'setuid, setgid, sticky',
    'drwsr-S--T   2 root     root        4096 Jan  5 10:22 special',
    { permissions: 'rwsr-S--T', mode: 0o7740 },
  ],
  [
    'sticky /tmp',
    'drwxrwxrwt  10 root     root        4096 Jan  5 10:22 tmp',
    { mode: 0o1777 },
  ],
  [
    'ISO date (ls --time-style=long-iso)',
    '-rw-r--r-- 1 ann ann 1024 2024-01-05 10:22 iso.txt',
    { name: 'iso.txt', mtime: utc(2024, 1, 5, 10, 22), mtimePrecision: 'minute' },
  ],
  [
    'full ISO with zone (ls --full-time)',
    '-rw-r--r-- 1 ann ann 1024 2024-01-05 10:22:33.123456789 +0100 full.txt',
    { name: 'full.txt', mtime: utc(2024, 1, 5, 9, 22, 33, 123), mtimePrecision: 'millisecond' },
  ],
  [
    'thousands separators (comma)',
    '-rw-r--r--   1 root     other    1,234,567 Jan  5 10:22 big.bin',
    { name: 'big.bin', size: 1234567 },
  ],
  [
    'thousands separators (dot, German locale)',
    '-rw-r--r--   1 root     other       33.235 1. Okt. 2001 README5',
    { name: 'README5', size: 33235, mtime: utc(2001, 10, 1) },
  ],
  [
    'name with leading spaces',
    '-rw-r--r--    1 1000     1000            5 Jan 05 10:22   two spaces',
    { name: '  two spaces' },
  ],
  [
    'name with trailing and inner runs of spaces',
    '-rw-r--r--    1 1000     1000            5 Jan 05 10:22 a   b ',
    { name: 'a   b ' },
  ],
  [
    'name that looks like a date',
    '-rw-r--r--    1 1000     1000            5 Jan 05 10:22 Feb 03 2020 notes',
    { name: 'Feb 03 2020 notes', mtime: utc(2024, 1, 5, 10, 22) },
  ],
  [
    'owner named like a month',
    '-rw-r--r--    1 may      staff           5 Jan 05 10:22 x',
    { name: 'x', owner: 'may', group: 'staff' },
  ],
  [
    'numeric date, month-day year',
    '-rw-r--r--   1 root     other        531 09-26 2000 README2',
    { name: 'README2', mtime: utc(2000, 9, 26), mtimePrecision: 'day' },
  ],
  [
    'numeric date, month-day time',
    '-rw-r--r--   1 root     other        531 09-26 13:45 README3',
    { name: 'README3', mtime: utc(2023, 9, 26, 13, 45) },
  ],
  [
    'day before month',
    '-rw-r--r--   1 root     other        531 3 Apr 21:22 README6',
    { name: 'README6', mtime: utc(2024, 4, 3, 21, 22) },
  ],
  [
    'BSD ls -T (seconds and year)',
    '-rw-r--r--  1 ann  staff  1024 Jan  5 10:22:33 2019 bsd.txt',
    { name: 'bsd.txt', mtime: utc(2019, 1, 5, 10, 22, 33), mtimePrecision: 'second' },
  ],
  [
    'Chinese locale month',
    '-rw-r--r--    1 ftp      ftp          1024 1月  5 10:22 中文.txt',
    { name: '中文.txt', mtime: utc(2024, 1, 5, 10, 22) },
  ],
  [
    'Windows group with a space',
    '-rwxrwxrwx   1 owner    Domain Users      77 Jan  5 10:22 w.txt',
    { name: 'w.txt', owner: 'owner', group: 'Domain Users', size: 77 },
  ],
  [
    'no link count (some embedded servers)',
    '-rw-r--r-- ftp ftp 99 Jan  5 10:22 nolinks',
    { name: 'nolinks', owner: 'ftp', group: 'ftp', size: 99 },
  ],
  [
    'MacOS NetPresenz',
    'drwxrwxr-x               folder        2 May 10  1996 network',
    { name: 'network', kind: 'dir', size: 2, owner: 'folder', mtime: utc(1996, 5, 10) },
  ],
  [
    'named pipe',
    'prw-r--r--   1 root     root           0 Jan  5 10:22 fifo',
    { name: 'fifo', kind: 'file', size: 0 },
  ],
  [
    'huge size',
    '-rw-r--r--   1 u        g      9007199254740 Jan  5 10:22 huge',
    { size: 9007199254740 },
  ],
];

describe('Unix LIST lines', () => {
  it.each(CASES)('%s', (_source, line, expected) => {
    const entry = parseListLine(line, options);
    expect(pick(entry, expected)).toEqual(expected);
    expect(entry?.raw).toBe(line);
  });

  it('skips total lines, . and .. in a vsftpd LIST -a reply', () => {
    const text = [
      'total 16',
      'drwxr-xr-x    3 0        0            4096 Jan 05 10:22 .',
      'drwxr-xr-x    3 0        0            4096 Jan 05 10:22 ..',
      '-rw-r--r--    1 0        0               5 Jan 05 10:22 .hidden',
      'drwxr-xr-x    2 0        0            4096 Jan 05 10:22 pub',
      '',
    ].join('\r\n');
    const listing = parseListListing(text, options);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['.hidden', 'pub']);
    expect(listing.unparsed).toEqual([]);
    expect(listing.rejected).toEqual([]);
  });

  it('accepts bare LF line ends and a localized total line', () => {
    const listing = parseListListing('insgesamt 8\n-rw-r--r-- 1 a b 1 Jan 05 10:22 x\n', options);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['x']);
    expect(listing.unparsed).toEqual([]);
  });

  it('does not take a time-like start of a name for the year', () => {
    const entry = parseListLine('-rw-r--r-- 1 a b 1 Jan 05 10:22 2019 report.pdf', options);
    expect(entry).toMatchObject({ name: '2019 report.pdf', mtime: utc(2024, 1, 5, 10, 22) });
  });
});
