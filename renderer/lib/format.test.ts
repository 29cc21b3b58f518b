import { describe, expect, it } from 'vitest';
import { countLabel, exactSize, friendlyDate, humanSize } from './format';

describe('sizes', () => {
  it('reads like a file manager', () => {
    expect(humanSize(0)).toBe('0 B');
    expect(humanSize(999)).toBe('999 B');
    expect(humanSize(15_200)).toBe('15.2 KB');
    expect(humanSize(15_200_000)).toBe('15.2 MB');
    expect(humanSize(123_456_789_012)).toBe('123 GB');
    expect(exactSize(1234567)).toBe('1,234,567 bytes');
  });
});

describe('dates', () => {
  const now = new Date(2026, 10, 26, 12, 0);
  it('says Today and Yesterday, then day and month, then the year', () => {
    expect(friendlyDate(new Date(2026, 10, 26, 7, 55).getTime(), now)).toBe('Today 07:55');
    expect(friendlyDate(new Date(2026, 10, 25, 18, 2).getTime(), now)).toBe('Yesterday 18:02');
    expect(friendlyDate(new Date(2026, 2, 3, 14, 10).getTime(), now)).toMatch(/3 Mar|Mar 3/);
    expect(friendlyDate(new Date(2023, 2, 3, 14, 10).getTime(), now)).toMatch(/2023$/);
  });
});

describe('counts', () => {
  it('pluralises and groups thousands', () => {
    expect(countLabel(1, 'file')).toBe('1 file');
    expect(countLabel(5000, 'file')).toBe('5,000 files');
  });
});
