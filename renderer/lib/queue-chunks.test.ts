import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_CHUNK } from '../../shared/contract/uploads';
import { base64OfDataUrl, chunkRanges } from './queue-chunks';

describe('upload chunks', () => {
  it('cuts a file into consecutive ranges of at most 1 MiB', () => {
    expect(chunkRanges(0)).toEqual([]);
    expect(chunkRanges(5)).toEqual([{ start: 0, end: 5 }]);
    expect(chunkRanges(MAX_UPLOAD_CHUNK)).toEqual([{ start: 0, end: MAX_UPLOAD_CHUNK }]);
    const ranges = chunkRanges(2 * MAX_UPLOAD_CHUNK + 1);
    expect(ranges).toEqual([
      { start: 0, end: MAX_UPLOAD_CHUNK },
      { start: MAX_UPLOAD_CHUNK, end: 2 * MAX_UPLOAD_CHUNK },
      { start: 2 * MAX_UPLOAD_CHUNK, end: 2 * MAX_UPLOAD_CHUNK + 1 },
    ]);
    expect(chunkRanges(10, 4).map((r) => r.end - r.start)).toEqual([4, 4, 2]);
  });

  it('refuses sizes and chunk lengths outside the contract', () => {
    expect(() => chunkRanges(-1)).toThrow();
    expect(() => chunkRanges(1.5)).toThrow();
    expect(() => chunkRanges(10, MAX_UPLOAD_CHUNK + 1)).toThrow();
    expect(() => chunkRanges(10, 0)).toThrow();
  });

  it('takes the base64 out of a data URL', () => {
    expect(base64OfDataUrl('data:application/octet-stream;base64,aGVsbG8=')).toBe('aGVsbG8=');
    expect(base64OfDataUrl('data:;base64,')).toBe('');
    expect(() => base64OfDataUrl('data:text/plain,hello')).toThrow();
  });
});
