import { describe, expect, it } from 'vitest';
import { filterEntries } from './filter';
import { testEntry } from './test-entries';

describe('filterEntries', () => {
  const list = [testEntry('Reports', { isFolder: true }), testEntry('.bashrc'), testEntry('report.PDF'), testEntry('notes.txt')];

  it('keeps names containing the text, ignoring case, in the same order', () => {
    expect(filterEntries(list, { text: 'REPORT', showHidden: true }).map((e) => e.name)).toEqual(['Reports', 'report.PDF']);
    expect(filterEntries(list, { text: '  pdf ', showHidden: true }).map((e) => e.name)).toEqual(['report.PDF']);
  });

  it('hides dot-files when hidden files are off, also while filtering', () => {
    expect(filterEntries(list, { text: '', showHidden: false }).map((e) => e.name)).toEqual(['Reports', 'report.PDF', 'notes.txt']);
    expect(filterEntries(list, { text: 'bash', showHidden: false })).toEqual([]);
    expect(filterEntries(list, { text: 'bash', showHidden: true }).map((e) => e.name)).toEqual(['.bashrc']);
  });

  it('returns the same array when nothing is filtered out (memoized rows stay valid)', () => {
    expect(filterEntries(list, { text: '', showHidden: true })).toBe(list);
    const reports = list.filter((e) => e.name.toLowerCase().startsWith('rep'));
    expect(filterEntries(reports, { text: 'Rep', showHidden: false })).toBe(reports);
  });

  it('filters 100,000 entries quickly enough to run on every keystroke', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => testEntry(`file-${i}.dat`));
    const started = performance.now();
    const kept = filterEntries(many, { text: 'FILE-9999', showHidden: false });
    const elapsed = performance.now() - started;
    console.log(`filtered 100,000 entries in ${elapsed.toFixed(1)} ms`);
    expect(kept.map((e) => e.name)).toEqual(['file-9999.dat', ...Array.from({ length: 10 }, (_, i) => `file-9999${i}.dat`)]);
  });
});
