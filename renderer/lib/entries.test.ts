import { describe, expect, it } from 'vitest';
import { sortEntries, typeLabel, type PaneEntry } from './entries';

const entry = (name: string, isFolder: boolean, size: number | null = null, mtime = 0): PaneEntry => ({
  key: `/x/${name}`,
  name,
  kind: isFolder ? 'dir' : 'file',
  isFolder,
  size,
  mtime,
  permissions: null,
  hidden: name.startsWith('.'),
});

describe('sortEntries', () => {
  const list = [entry('b.txt', false, 10, 3), entry('Zeta', true), entry('a10.txt', false, 300, 1), entry('a9.txt', false, 20, 2), entry('alpha', true)];

  it('puts folders first and sorts names naturally', () => {
    expect(sortEntries(list, { column: 'name', direction: 'asc' }).map((e) => e.name)).toEqual(['alpha', 'Zeta', 'a9.txt', 'a10.txt', 'b.txt']);
  });
  it('keeps folders first when descending', () => {
    expect(sortEntries(list, { column: 'name', direction: 'desc' }).map((e) => e.name)).toEqual(['Zeta', 'alpha', 'b.txt', 'a10.txt', 'a9.txt']);
  });
  it('sorts by size and by modification time', () => {
    expect(sortEntries(list, { column: 'size', direction: 'desc' }).slice(2).map((e) => e.name)).toEqual(['a10.txt', 'a9.txt', 'b.txt']);
    expect(sortEntries(list, { column: 'modified', direction: 'asc' }).slice(2).map((e) => e.name)).toEqual(['a10.txt', 'a9.txt', 'b.txt']);
  });
  it('sorts by type, permissions and owner (remote columns), names breaking ties', () => {
    const remote = [
      { ...entry('b.sh', false), permissions: 'rwxr-xr-x', owner: 'www:www' },
      { ...entry('a.txt', false), permissions: 'rw-r--r--', owner: 'root:root' },
      { ...entry('c.txt', false), permissions: 'rw-r--r--', owner: 'www:www' },
    ];
    expect(sortEntries(remote, { column: 'permissions', direction: 'asc' }).map((e) => e.name)).toEqual(['a.txt', 'c.txt', 'b.sh']);
    expect(sortEntries(remote, { column: 'owner', direction: 'desc' }).map((e) => e.name)).toEqual(['c.txt', 'b.sh', 'a.txt']);
    expect(sortEntries(remote, { column: 'type', direction: 'asc' }).map((e) => e.name)).toEqual(['b.sh', 'a.txt', 'c.txt']);
  });
  it('sorts 100,000 entries quickly enough for a pane', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => entry(`file-${(i * 7919) % 100_000}.dat`, i % 50 === 0, i));
    const started = performance.now();
    const sorted = sortEntries(many, { column: 'name', direction: 'asc' });
    const elapsed = performance.now() - started;
    console.log(`sorted 100,000 entries by name in ${elapsed.toFixed(0)} ms`);
    expect(sorted).toHaveLength(100_000);
    expect(sorted[0]!.isFolder).toBe(true);
  });
});

describe('typeLabel', () => {
  it('names folders, links and extensions', () => {
    expect(typeLabel(entry('docs', true))).toBe('Folder');
    expect(typeLabel(entry('photo.png', false))).toBe('PNG file');
    expect(typeLabel(entry('Makefile', false))).toBe('File');
    expect(typeLabel(entry('.bashrc', false))).toBe('File');
  });
});
