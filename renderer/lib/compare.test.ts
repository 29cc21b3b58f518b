import { describe, expect, it } from 'vitest';
import { compareListings, TIME_THRESHOLD_MS } from './compare';
import { testEntry } from './test-entries';

const T = Date.UTC(2024, 4, 1, 12, 0);

describe('compareListings', () => {
  const local = [
    testEntry('same.txt', { size: 10, mtime: T }),
    testEntry('edited.txt', { size: 10, mtime: T + 5 * 60_000 }),
    testEntry('grown.txt', { size: 99, mtime: T }),
    testEntry('grown-and-newer.txt', { size: 99, mtime: T + 3_600_000 }),
    testEntry('local-only.txt', { size: 1, mtime: T }),
    testEntry('docs', { isFolder: true, mtime: T + 3_600_000 }),
    testEntry('clash', { size: 1, mtime: T }),
    testEntry('within-minute.txt', { size: 5, mtime: T + 59_000 }),
  ];
  const remote = [
    testEntry('same.txt', { size: 10, mtime: T }),
    testEntry('edited.txt', { size: 10, mtime: T }),
    testEntry('grown.txt', { size: 10, mtime: T }),
    testEntry('grown-and-newer.txt', { size: 10, mtime: T }),
    testEntry('docs', { isFolder: true, mtime: T }),
    testEntry('clash', { isFolder: true }),
    testEntry('within-minute.txt', { size: 5, mtime: T }),
    testEntry('remote-only', { isFolder: true }),
  ];

  const kinds = (marks: ReturnType<typeof compareListings>) => Object.fromEntries([...marks].map(([key, mark]) => [key.slice(3), mark.kind]));

  it('marks newer, different size, only here and kind clashes; identical entries and folders stay unmarked', () => {
    expect(kinds(compareListings(local, remote))).toEqual({
      'edited.txt': 'newer',
      'grown.txt': 'different-size',
      'grown-and-newer.txt': 'different-size',
      'local-only.txt': 'only-here',
      clash: 'different-kind',
    });
  });

  it('marks the other side from its own point of view', () => {
    const marks = compareListings(remote, local);
    expect(kinds(marks)).toEqual({
      'grown.txt': 'different-size',
      'grown-and-newer.txt': 'different-size',
      clash: 'different-kind',
      'remote-only': 'only-here',
    });
    expect(marks.get('/x/remote-only')!.text).toBe('only on this side');
    expect(marks.get('/x/clash')!.text).toBe('a file on the other side');
  });

  it('says in words when an entry is both larger and newer', () => {
    expect(compareListings(local, remote).get('/x/grown-and-newer.txt')!.text).toBe('different size, newer');
  });

  it('treats times within the threshold as equal, and a day when a side only knows the date', () => {
    expect(TIME_THRESHOLD_MS).toBe(60_000);
    const mine = [testEntry('a', { mtime: T + 61_000 }), testEntry('b', { mtime: T + 5 * 3_600_000 })];
    const dayOnly = [testEntry('a', { mtime: T }), testEntry('b', { mtime: T, mtimePrecision: 'day' })];
    expect(kinds(compareListings(mine, dayOnly))).toEqual({ a: 'newer' });
  });

  it('compares 100,000 entries per side quickly', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => testEntry(`f${i}`, { size: i, mtime: T }));
    const other = many.map((e, i) => (i % 2 ? e : { ...e, size: -1 }));
    const started = performance.now();
    const marks = compareListings(many, other);
    console.log(`compared 100,000 entries in ${(performance.now() - started).toFixed(0)} ms`);
    expect(marks.size).toBe(50_000);
  });
});
