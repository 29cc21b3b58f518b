import { describe, expect, it } from 'vitest';
import { describeEntries, summaryText } from './summary';
import { testEntry } from './test-entries';

describe('summaryText', () => {
  const files = Array.from({ length: 5000 }, (_, i) => testEntry(`f${i}`, { size: 10 }));

  it('describes the folder when everything is shown', () => {
    const list = [testEntry('a', { isFolder: true }), testEntry('b', { isFolder: true }), testEntry('c', { size: 15_200 })];
    expect(summaryText(list, list, [])).toBe('2 folders, 1 file, 15.2 KB');
    expect(describeEntries([])).toBe('0 files, 0 B');
    expect(describeEntries([testEntry('a', { isFolder: true })])).toBe('1 folder');
  });

  it('says how many rows the filter leaves, with the right noun', () => {
    expect(summaryText(files, files.slice(0, 12), [])).toBe('Showing 12 of 5,000 files');
    const mixed = [testEntry('d', { isFolder: true }), ...files.slice(0, 3)];
    expect(summaryText(mixed, mixed.slice(0, 1), [])).toBe('Showing 1 of 4 items');
    const folders = [testEntry('d', { isFolder: true }), testEntry('e', { isFolder: true })];
    expect(summaryText(folders, [], [])).toBe('Showing 0 of 2 folders');
  });

  it('describes the selection when there is one', () => {
    expect(summaryText(files, files, files.slice(0, 3))).toBe('Selected 3 files, 30 B');
  });
});
