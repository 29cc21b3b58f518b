/** How the transfer queue reads: rates, time left, counts and byte progress, in words. */
import { humanSize } from './format';

/** `1.2 MB/s`; nothing while nothing moves. */
export function rateText(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '';
  return `${humanSize(Math.round(bytesPerSecond))}/s`;
}

/** `490 files/s`, `2.5 files/s`; nothing below one file every ten seconds. */
export function filesRateText(filesPerSecond: number): string {
  if (!Number.isFinite(filesPerSecond) || filesPerSecond < 0.1) return '';
  const value = filesPerSecond >= 10 ? Math.round(filesPerSecond).toLocaleString('en-US') : filesPerSecond.toFixed(1).replace(/\.0$/, '');
  return `${value} ${value === '1' ? 'file' : 'files'}/s`;
}

/** `2 s left`, `3 min 20 s left`, `12 min left`, `1 h 5 min left`; nothing when unknown. */
export function etaText(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.ceil(seconds);
  if (total < 60) return `${total} s left`;
  const minutes = Math.floor(total / 60);
  if (minutes < 10) return total % 60 === 0 ? `${minutes} min left` : `${minutes} min ${total % 60} s left`;
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.round(hours / 24)} days left`;
  return minutes % 60 === 0 ? `${hours} h left` : `${hours} h ${minutes % 60} min left`;
}

/** `12.3 MB / 40.0 MB`; only the total when nothing moved yet, only what moved when the total is unknown. */
export function bytesText(done: number, total: number | null): string {
  if (total === null) return done > 0 ? humanSize(done) : '';
  if (done <= 0) return humanSize(total);
  return `${humanSize(Math.min(done, total))} / ${humanSize(total)}`;
}

/** Parts joined with ` · `, empty parts left out: `4,160 / 5,000 · 490 files/s · 2 s left`. */
export function joinParts(parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join(' · ');
}

/** `4,160 / 5,000`. */
export function countsText(finished: number, total: number): string {
  return `${finished.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`;
}

/** Whole percent for a progress bar, 0–100. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}
