/** Which rows a pane shows: the filter-as-you-type text and the hidden-files switch. */
import type { PaneEntry } from './entries';

/** What narrows a pane's rows. */
export interface RowFilter {
  /** Text the name must contain, case-insensitive; empty shows everything. */
  text: string;
  /** Show dot-files. */
  showHidden: boolean;
}

/**
 * The entries of `sorted` that pass `filter`, in the same order. Returns the
 * same array when nothing is filtered out, so memoized consumers skip work.
 */
export function filterEntries(sorted: readonly PaneEntry[], filter: RowFilter): readonly PaneEntry[] {
  const needle = filter.text.trim().toLocaleLowerCase();
  if (needle === '' && filter.showHidden) return sorted;
  const kept = sorted.filter(
    (entry) => (filter.showHidden || !entry.hidden) && (needle === '' || entry.name.toLocaleLowerCase().includes(needle)),
  );
  return kept.length === sorted.length ? sorted : kept;
}
