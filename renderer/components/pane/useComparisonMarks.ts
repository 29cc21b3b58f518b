/** Directory comparison marks for a pane, against the other pane's listing, while comparison is on. */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { compareListings, type ComparisonMark } from '../../lib/compare';
import type { PaneEntry } from '../../lib/entries';
import { useComparison } from '../../store/comparison';
import type { PaneStore } from '../../store/pane-store';

// Stands in for "no other pane", since hooks cannot be called conditionally.
const nothing = createStore<{ entries: PaneEntry[]; path: string | null }>()(() => ({ entries: [], path: null }));

/** Marks by entry key, or `null` when not comparing (or there is nothing to compare with). */
export function useComparisonMarks(store: PaneStore, other: PaneStore | null): ReadonlyMap<string, ComparisonMark> | null {
  const comparing = useComparison((s) => s.comparing);
  const mine = useStore(store, (s) => s.entries);
  const theirs = useStore((other ?? nothing) as typeof nothing, (s) => s.entries);
  const listed = useStore((other ?? nothing) as typeof nothing, (s) => s.path !== null);
  return useMemo(() => (comparing && listed ? compareListings(mine, theirs) : null), [comparing, listed, mine, theirs]);
}
