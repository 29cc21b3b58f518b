/**
 * How a dropped file's bytes are cut for `uploads.chunk`: consecutive ranges
 * of at most one MiB (the contract's limit), sent one at a time.
 */
import { MAX_UPLOAD_CHUNK } from '../../shared/contract/uploads';

/** One range of a file: `start` inclusive, `end` exclusive. */
export interface ChunkRange {
  start: number;
  end: number;
}

/** The ranges of a file of `size` bytes, each at most `chunk` bytes; none for an empty file. */
export function chunkRanges(size: number, chunk = MAX_UPLOAD_CHUNK): ChunkRange[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`Not a file size: ${size}`);
  if (!Number.isSafeInteger(chunk) || chunk <= 0 || chunk > MAX_UPLOAD_CHUNK) throw new Error(`Chunks must be 1 to ${MAX_UPLOAD_CHUNK} bytes.`);
  const ranges: ChunkRange[] = [];
  for (let start = 0; start < size; start += chunk) ranges.push({ start, end: Math.min(size, start + chunk) });
  return ranges;
}

/** The base64 part of a `data:` URL (what `FileReader.readAsDataURL` gives). */
export function base64OfDataUrl(url: string): string {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0 || !url.slice(0, comma).endsWith(';base64')) throw new Error('Not a base64 data URL.');
  return url.slice(comma + 1);
}
