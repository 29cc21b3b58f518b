/** Selection arithmetic of a file list: ranges from an anchor, toggles. */
import type { PaneEntry } from './entries';

/** The keys of the rows between two indexes, both included, whichever comes first. */
export function rangeKeys(rows: readonly PaneEntry[], a: number, b: number): string[] {
  const [from, to] = a <= b ? [a, b] : [b, a];
  return rows.slice(Math.max(0, from), to + 1).map((row) => row.key);
}

/** `selected` with `key` added, or removed if it was there. */
export function toggleKey(selected: ReadonlySet<string>, key: string): string[] {
  const next = new Set(selected);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return [...next];
}

/** `index` kept inside a list of `count` rows (-1 when the list is empty). */
export function clampIndex(index: number, count: number): number {
  return count === 0 ? -1 : Math.max(0, Math.min(count - 1, index));
}
