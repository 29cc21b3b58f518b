/** Shared helpers for the listing parser tests. */
import type { RemoteEntry } from '../../../../../shared/types/remote';

/** A fixed "now" for year inference: 2024-06-15 12:00 UTC. */
export const NOW = new Date(Date.UTC(2024, 5, 15, 12, 0, 0));

/** Milliseconds since the epoch of a UTC date; month is 1-based like in listings. */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The fields a test table states about an entry (everything else is not checked). */
export type Expected = Partial<Omit<RemoteEntry, 'raw'>>;

/** `entry` narrowed to the keys of `expected`, for `toEqual` with a readable diff. */
export function pick(entry: RemoteEntry | null | undefined, expected: Expected): Partial<RemoteEntry> | null {
  if (!entry) return null;
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) picked[key] = (entry as Record<string, unknown>)[key];
  return picked as Partial<RemoteEntry>;
}
