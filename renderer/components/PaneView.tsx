/** One file pane: title, navigation, the list, and the summary line. */
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import type { PaneEntry } from '../lib/entries';
import { countLabel, humanSize } from '../lib/format';
import type { PaneStore } from '../store/pane-store';
import { FileList } from './FileList';
import { PathBar } from './PathBar';

/** Props of {@link PaneView}. */
export interface PaneViewProps {
  /** "Local" or "Remote": used in every label so tests and screen readers can tell panes apart. */
  side: string;
  store: PaneStore;
  onOpenFile?(entry: PaneEntry): void;
}

/** A pane bound to its store. */
export function PaneView({ side, store, onOpenFile }: PaneViewProps) {
  const state = useStore(
    store,
    useShallow((s) => ({
      path: s.path,
      parent: s.parent,
      segments: s.segments,
      entries: s.entries,
      status: s.status,
      error: s.error,
      sort: s.sort,
      selected: s.selected,
      cursor: s.cursor,
      canGoBack: s.back.length > 0,
      canGoForward: s.forward.length > 0,
    })),
  );
  const actions = store.getState();
  const open = (entry: PaneEntry): void => {
    if (entry.isFolder) void actions.open(entry.key);
    else onOpenFile?.(entry);
  };

  return (
    <section className="pane" aria-label={`${side} files`} aria-busy={state.status === 'loading'}>
      <PathBar
        side={side}
        segments={state.segments}
        canGoBack={state.canGoBack}
        canGoForward={state.canGoForward}
        canGoUp={state.parent !== null}
        onOpen={(path) => void actions.open(path)}
        onBack={() => void actions.goBack()}
        onForward={() => void actions.goForward()}
        onUp={() => void actions.up()}
        onRefresh={() => void actions.refresh()}
      />
      {state.error && (
        <div className="pane__error" role="alert">
          <strong>Could not open this folder.</strong> {state.error.message}
        </div>
      )}
      <FileList
        label={`${side} file list`}
        entries={state.entries}
        sort={state.sort}
        selected={state.selected}
        cursor={state.cursor}
        onSort={actions.setSort}
        onSelect={(keys, cursor) => actions.select(keys, cursor)}
        onOpen={open}
        onUp={() => void actions.up()}
      />
      {state.status === 'ready' && state.entries.length === 0 && <p className="pane__empty">This folder is empty.</p>}
      <Summary entries={state.entries} selected={state.selected} side={side} />
    </section>
  );
}

function Summary({ entries, selected, side }: { entries: readonly PaneEntry[]; selected: ReadonlySet<string>; side: string }) {
  const describe = (list: readonly PaneEntry[]): string => {
    const files = list.filter((e) => !e.isFolder);
    const folders = list.length - files.length;
    const bytes = files.reduce((sum, e) => sum + (e.size ?? 0), 0);
    const parts = [];
    if (folders > 0) parts.push(countLabel(folders, 'folder'));
    parts.push(`${countLabel(files.length, 'file')}, ${humanSize(bytes)}`);
    return parts.join(', ');
  };
  const chosen = selected.size > 0 ? entries.filter((e) => selected.has(e.key)) : [];
  return (
    <p className="pane__summary" role="status" aria-label={`${side} summary`}>
      {chosen.length > 0 ? `Selected ${describe(chosen)}` : describe(entries)}
    </p>
  );
}
