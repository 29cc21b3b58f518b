/**
 * The rows a pane shows, derived from its listing: sorted (only when the
 * listing or the order changes), then filtered (cheap, on every keystroke;
 * deferred so typing stays responsive in 100,000-entry folders).
 */
import { useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { sortEntries } from '../../lib/entries';
import { filterEntries } from '../../lib/filter';
import type { PaneStore } from '../../store/pane-store';

/** Every entry of the folder and the rows shown. */
export function usePaneRows(store: PaneStore) {
  const entries = useStore(store, (s) => s.entries);
  const sort = useStore(store, (s) => s.sort);
  const filter = useDeferredValue(useStore(store, (s) => s.filter));
  const showHidden = useStore(store, (s) => s.showHidden);
  const sorted = useMemo(() => sortEntries(entries, sort), [entries, sort]);
  const rows = useMemo(() => filterEntries(sorted, { text: filter, showHidden }), [sorted, filter, showHidden]);
  return { entries, rows };
}
