import { describe, expect, it } from 'vitest';
import { clampIndex, rangeKeys, toggleKey } from './selection';
import { testEntry } from './test-entries';

const rows = ['a', 'b', 'c', 'd'].map((name) => testEntry(name));

describe('selection', () => {
  it('selects a range in either direction', () => {
    expect(rangeKeys(rows, 1, 3)).toEqual(['/x/b', '/x/c', '/x/d']);
    expect(rangeKeys(rows, 2, 0)).toEqual(['/x/a', '/x/b', '/x/c']);
    expect(rangeKeys(rows, 2, 2)).toEqual(['/x/c']);
  });
  it('toggles one key', () => {
    expect(toggleKey(new Set(['/x/a']), '/x/b').sort()).toEqual(['/x/a', '/x/b']);
    expect(toggleKey(new Set(['/x/a', '/x/b']), '/x/a')).toEqual(['/x/b']);
  });
  it('keeps indexes inside the list', () => {
    expect(clampIndex(-3, 4)).toBe(0);
    expect(clampIndex(10, 4)).toBe(3);
    expect(clampIndex(0, 0)).toBe(-1);
  });
});
