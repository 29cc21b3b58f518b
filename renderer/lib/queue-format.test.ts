import { describe, expect, it } from 'vitest';
import { bytesText, countsText, etaText, filesRateText, joinParts, percentOf, rateText } from './queue-format';

describe('queue formatting', () => {
  it('says rates per second, and nothing while nothing moves', () => {
    expect(rateText(0)).toBe('');
    expect(rateText(-5)).toBe('');
    expect(rateText(Number.NaN)).toBe('');
    expect(rateText(950)).toBe('950 B/s');
    expect(rateText(1_234_567)).toBe('1.2 MB/s');
    expect(filesRateText(490.4)).toBe('490 files/s');
    expect(filesRateText(2.54)).toBe('2.5 files/s');
    expect(filesRateText(1)).toBe('1 file/s');
    expect(filesRateText(0.01)).toBe('');
    expect(filesRateText(12_345)).toBe('12,345 files/s');
  });

  it('says time left in seconds, minutes, hours or days', () => {
    expect(etaText(null)).toBe('');
    expect(etaText(Number.POSITIVE_INFINITY)).toBe('');
    expect(etaText(0)).toBe('0 s left');
    expect(etaText(1.2)).toBe('2 s left');
    expect(etaText(59)).toBe('59 s left');
    expect(etaText(60)).toBe('1 min left');
    expect(etaText(200)).toBe('3 min 20 s left');
    expect(etaText(12 * 60 + 5)).toBe('12 min left');
    expect(etaText(3600)).toBe('1 h left');
    expect(etaText(3900)).toBe('1 h 5 min left');
    expect(etaText(5 * 86_400)).toBe('5 days left');
  });

  it('shows bytes done of a total, and counts with thousands separators', () => {
    expect(bytesText(0, 40_000_000)).toBe('40.0 MB');
    expect(bytesText(12_300_000, 40_000_000)).toBe('12.3 MB / 40.0 MB');
    expect(bytesText(50, 40)).toBe('40 B / 40 B');
    expect(bytesText(0, null)).toBe('');
    expect(bytesText(2000, null)).toBe('2.0 KB');
    expect(countsText(4160, 5000)).toBe('4,160 / 5,000');
    expect(joinParts(['4,160 / 5,000', '', '490 files/s', '2 s left'])).toBe('4,160 / 5,000 · 490 files/s · 2 s left');
  });

  it('keeps percentages whole and within 0–100', () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(5, 4)).toBe(100);
  });
});
