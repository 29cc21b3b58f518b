import { describe, expect, it } from 'vitest';
import { parseListLine, parseListListing } from '../index';
import { utc } from './helpers';

describe('year of recent Unix entries', () => {
  const newYear = new Date(Date.UTC(2026, 0, 2, 12, 0));

  it('puts Dec 31 into the previous year just after New Year', () => {
    expect(parseListLine('-rw-r--r-- 1 a b 1 Dec 31 23:59 x', { now: newYear })?.mtime).toBe(utc(2025, 12, 31, 23, 59));
  });

  it('keeps a date up to a day ahead in the current year (clock skew)', () => {
    expect(parseListLine('-rw-r--r-- 1 a b 1 Jan  3 08:00 x', { now: newYear })?.mtime).toBe(utc(2026, 1, 3, 8, 0));
  });

  it('takes a date more than a day ahead as last year', () => {
    expect(parseListLine('-rw-r--r-- 1 a b 1 Jan  4 08:00 x', { now: newYear })?.mtime).toBe(utc(2025, 1, 4, 8, 0));
  });

  it('takes Jan 1 seen on Dec 31 as the coming year (server clock ahead)', () => {
    const eve = new Date(Date.UTC(2025, 11, 31, 23, 0));
    expect(parseListLine('-rw-r--r-- 1 a b 1 Jan  1 00:30 x', { now: eve })?.mtime).toBe(utc(2026, 1, 1, 0, 30));
  });

  it('finds the last leap year for Feb 29', () => {
    expect(parseListLine('-rw-r--r-- 1 a b 1 Feb 29 10:00 x', { now: newYear })?.mtime).toBe(utc(2024, 2, 29, 10, 0));
  });

  it('does not apply the rule when the year is given', () => {
    expect(parseListLine('-rw-r--r-- 1 a b 1 Dec 31  2030 x', { now: newYear })?.mtime).toBe(utc(2030, 12, 31));
  });
});

describe('server time offset', () => {
  const now = new Date(Date.UTC(2024, 5, 15, 12, 0));

  it('reads LIST times as server-local and subtracts the offset', () => {
    const line = '-rw-r--r-- 1 a b 1 Jan  5 10:22 x';
    expect(parseListLine(line, { now, serverTimeOffsetMinutes: 60 })?.mtime).toBe(utc(2024, 1, 5, 9, 22));
    expect(parseListLine(line, { now, serverTimeOffsetMinutes: -300 })?.mtime).toBe(utc(2024, 1, 5, 15, 22));
    expect(parseListLine('01-05-24  10:22AM  1 x', { now, serverTimeOffsetMinutes: 120 })?.mtime).toBe(utc(2024, 1, 5, 8, 22));
  });

  it('infers the year on the server clock', () => {
    // 2026-01-01 02:00 UTC is still Dec 31 on a server at UTC-5: "Dec 31 20:00" is today there.
    const early = new Date(Date.UTC(2026, 0, 1, 2, 0));
    expect(parseListLine('-rw-r--r-- 1 a b 1 Dec 31 20:00 x', { now: early, serverTimeOffsetMinutes: -300 })?.mtime).toBe(
      utc(2026, 1, 1, 1, 0),
    );
  });

  it('leaves explicit zones alone', () => {
    const line = '-rw-r--r-- 1 a b 1 2024-01-05 10:22:33 +0100 x';
    expect(parseListLine(line, { now, serverTimeOffsetMinutes: 300 })?.mtime).toBe(utc(2024, 1, 5, 9, 22, 33));
  });
});

describe('untrusted names and unknown lines', () => {
  const now = new Date(Date.UTC(2024, 5, 15));

  it('puts hostile names into rejected, never into entries', () => {
    const text = [
      '-rw-r--r-- 1 a b 1 Jan 05 10:22 ../x',
      '-rw-r--r-- 1 a b 1 Jan 05 10:22 a/b',
      '-rw-r--r-- 1 a b 1 Jan 05 10:22 x\rDELE y',
      '-rw-r--r-- 1 a b 1 Jan 05 10:22 nul\0byte',
      '-rw-r--r-- 1 a b 1 Jan 05 10:22 esc\u001b[31mred',
      '-rw-r--r-- 1 a b 1 Jan 05 10:22 back\\slash',
      '01-05-24  10:22AM                 1 ..\\..\\win.ini',
      'lrwxrwxrwx 1 a b 1 Jan 05 10:22 ../../etc -> /etc',
      '-rw-r--r-- 1 a b 1 Jan 05 10:22 fine',
    ].join('\r\n');
    const listing = parseListListing(text, { now });
    expect(listing.entries.map((entry) => entry.name)).toEqual(['fine']);
    expect(listing.rejected.map((item) => item.name)).toEqual([
      '../x',
      'a/b',
      'x\rDELE y',
      'nul\0byte',
      'esc\u001b[31mred',
      'back\\slash',
      '..\\..\\win.ini',
      '../../etc',
    ]);
    for (const item of listing.rejected) expect(item.reason).toMatch(/name/);
    expect(listing.rejected[0]?.raw).toBe('-rw-r--r-- 1 a b 1 Jan 05 10:22 ../x');
  });

  it('splits a name with CRLF into an entry and an unparsed line (the injected command is not an entry)', () => {
    const listing = parseListListing('-rw-r--r-- 1 a b 1 Jan 05 10:22 x\r\nDELE y\r\n', { now });
    expect(listing.entries.map((entry) => entry.name)).toEqual(['x']);
    expect(listing.unparsed).toEqual(['DELE y']);
  });

  it('returns null from parseListLine for hostile names, . and ..', () => {
    expect(parseListLine('-rw-r--r-- 1 a b 1 Jan 05 10:22 x\r\nDELE y', { now })).toBeNull();
    expect(parseListLine('-rw-r--r-- 1 a b 1 Jan 05 10:22 ..', { now })).toBeNull();
    expect(parseListLine('drwxr-xr-x 1 a b 1 Jan 05 10:22 .', { now })).toBeNull();
  });

  it('reports every line no parser understands', () => {
    const text = ['hello world', '-rw-r--r-- 1 a b 1 Jan 05 10:22 ok', '-rw-r--r-- 1 a b 1 Foo 05 10:22 bad month', '550 No files found', 'drwxr-xr-x'].join('\n');
    const listing = parseListListing(text, { now });
    expect(listing.entries.map((entry) => entry.name)).toEqual(['ok']);
    expect(listing.unparsed).toEqual(['hello world', '-rw-r--r-- 1 a b 1 Foo 05 10:22 bad month', '550 No files found', 'drwxr-xr-x']);
  });
});

describe('a large listing', () => {
  it('parses 100,000 Unix lines quickly', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const size = String(i * 37);
      lines.push(`-rw-r--r--    1 1000     1000     ${size.padStart(10)} Jan ${String((i % 28) + 1).padStart(2, '0')} 10:22 file ${i}.txt`);
    }
    const text = lines.join('\r\n') + '\r\n';
    const started = performance.now();
    const listing = parseListListing(text, { now: new Date(Date.UTC(2024, 5, 15)) });
    const elapsed = performance.now() - started;
    console.log(`100,000-line Unix listing parsed in ${elapsed.toFixed(0)} ms`);
    expect(listing.entries).toHaveLength(100_000);
    expect(listing.entries[99_999]).toMatchObject({ name: 'file 99999.txt', size: 99_999 * 37 });
    expect(listing.unparsed).toEqual([]);
    expect(elapsed).toBeLessThan(5000);
  });
});
