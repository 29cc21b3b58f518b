/**
 * Directory comparison: marks each entry of one pane against the other pane's
 * listing, matched by name, as FileZilla does (newer / different size / only
 * on this side). Identical entries get no mark.
 */
import type { PaneEntry } from './entries';

/** What a mark says about an entry. */
export type MarkKind = 'only-here' | 'newer' | 'different-size' | 'different-kind';

/** One entry's mark: its kind (the colour) and the words a screen reader reads. */
export interface ComparisonMark {
  kind: MarkKind;
  text: string;
}

/**
 * Times closer than this are equal: LIST shows minutes only, and clocks of
 * client and server drift. A day when either side only knows the date.
 */
export const TIME_THRESHOLD_MS = 60_000;
const DAY_MS = 86_400_000;

/** Marks for the entries of `mine` (by key) compared with `theirs`. Unmarked entries are absent. */
export function compareListings(mine: readonly PaneEntry[], theirs: readonly PaneEntry[]): Map<string, ComparisonMark> {
  const byName = new Map<string, PaneEntry>();
  for (const entry of theirs) byName.set(entry.name, entry);
  const marks = new Map<string, ComparisonMark>();
  for (const entry of mine) {
    const mark = markOf(entry, byName.get(entry.name));
    if (mark) marks.set(entry.key, mark);
  }
  return marks;
}

/** The mark of `entry` given its namesake on the other side (if any). */
export function markOf(entry: PaneEntry, other: PaneEntry | undefined): ComparisonMark | null {
  if (!other) return { kind: 'only-here', text: 'only on this side' };
  if (entry.isFolder !== other.isFolder) {
    return { kind: 'different-kind', text: other.isFolder ? 'a folder on the other side' : 'a file on the other side' };
  }
  // Folders' sizes and times say nothing about their contents.
  if (entry.isFolder) return null;
  const newer = isNewer(entry, other);
  if (entry.size !== null && other.size !== null && entry.size !== other.size) {
    return { kind: 'different-size', text: newer ? 'different size, newer' : 'different size' };
  }
  return newer ? { kind: 'newer', text: 'newer than the other side' } : null;
}

function isNewer(entry: PaneEntry, other: PaneEntry): boolean {
  if (entry.mtime === null || other.mtime === null) return false;
  const threshold = entry.mtimePrecision === 'day' || other.mtimePrecision === 'day' ? DAY_MS : TIME_THRESHOLD_MS;
  return entry.mtime - other.mtime >= threshold;
}
