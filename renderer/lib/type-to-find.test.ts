import { describe, expect, it } from 'vitest';
import { findTypedMatch, nextQuery, TYPE_TO_FIND_PAUSE_MS } from './type-to-find';

const names = ['alpha', 'Beta', 'bravo', 'charlie', 'report.pdf', 'Readme.md'];

describe('findTypedMatch', () => {
  it('jumps to the first name starting with a letter, ignoring case', () => {
    expect(findTypedMatch(names, 'b', -1)).toBe(1);
    expect(findTypedMatch(names, 'C', -1)).toBe(3);
    expect(findTypedMatch(names, 'z', -1)).toBe(-1);
    expect(findTypedMatch([], 'a', -1)).toBe(-1);
  });

  it('moves on to the next match when the same letter is typed again, wrapping around', () => {
    expect(findTypedMatch(names, 'b', 1)).toBe(2);
    expect(findTypedMatch(names, 'bb', 1)).toBe(2);
    expect(findTypedMatch(names, 'b', 2)).toBe(1);
    expect(findTypedMatch(names, 'a', 0)).toBe(0);
  });

  it('narrows with a longer query and may stay on the current row', () => {
    expect(findTypedMatch(names, 're', 4)).toBe(4);
    expect(findTypedMatch(names, 'rea', 4)).toBe(5);
    expect(findTypedMatch(names, 'br', -1)).toBe(2);
  });
});

describe('nextQuery', () => {
  it('appends keys typed quickly and starts again after a pause', () => {
    const first = nextQuery({ text: '', at: 0 }, 'r', 10_000);
    expect(first).toEqual({ text: 'r', at: 10_000 });
    const second = nextQuery(first, 'e', 10_300);
    expect(second.text).toBe('re');
    expect(nextQuery(second, 'x', 10_300 + TYPE_TO_FIND_PAUSE_MS + 1).text).toBe('x');
  });
});
