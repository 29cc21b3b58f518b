/**
 * The state of one file pane (local or remote): where it is, what it lists,
 * how it is sorted, what is selected, and its back/forward history. The
 * loading itself is passed in, so the same store serves both sides.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PathSegment } from '../../shared/contract/local';
import type { ApiError } from '../../shared/errors';
import { isApiError } from '../../shared/errors';
import type { PaneEntry, SortOrder } from '../lib/entries';
import { errorMessage } from '../lib/errors';

/** What a loader returns for a folder. */
export interface FolderContents {
  path: string;
  parent: string | null;
  segments: PathSegment[];
  entries: PaneEntry[];
}

/** Everything a pane shows. */
export interface PaneState {
  path: string | null;
  parent: string | null;
  segments: PathSegment[];
  entries: PaneEntry[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  sort: SortOrder;
  selected: ReadonlySet<string>;
  /** The row with keyboard focus. */
  cursor: string | null;
  back: string[];
  forward: string[];
  /** Filter-as-you-type text; cleared when another folder opens. */
  filter: string;
  /** Whether dot-files are shown. */
  showHidden: boolean;
}

/** What a pane can do. */
export interface PaneActions {
  /**
   * Open a folder; records history unless it is a back/forward step. `focus`
   * (an entry key) puts the cursor on that entry once listed, e.g. a folder
   * just created or renamed.
   */
  open(path: string, via?: 'navigate' | 'back' | 'forward' | 'refresh', focus?: string): Promise<void>;
  up(): Promise<void>;
  goBack(): Promise<void>;
  goForward(): Promise<void>;
  /** Lists the folder again, keeping the selection of entries that still exist (or selecting `focus`). */
  refresh(focus?: string): Promise<void>;
  setSort(order: SortOrder): void;
  setFilter(text: string): void;
  setShowHidden(show: boolean): void;
  select(keys: Iterable<string>, cursor?: string | null): void;
}

/** A pane's store. */
export type PaneStore = StoreApi<PaneState & PaneActions>;

/** How a pane starts. */
export interface PaneOptions {
  /** Whether dot-files are shown at first. */
  showHidden: boolean;
}

/** Creates a pane whose folders come from `load`. */
export function createPaneStore(load: (path: string) => Promise<FolderContents>, options: PaneOptions = { showHidden: true }): PaneStore {
  let requestSeq = 0;
  return createStore<PaneState & PaneActions>()((set, get) => ({
    path: null,
    parent: null,
    segments: [],
    entries: [],
    status: 'idle',
    error: null,
    sort: { column: 'name', direction: 'asc' },
    selected: new Set(),
    cursor: null,
    back: [],
    forward: [],
    filter: '',
    showHidden: options.showHidden,

    async open(path, via = 'navigate', focus) {
      const seq = ++requestSeq;
      const previous = get().path;
      set({ status: 'loading' });
      try {
        const contents = await load(path);
        if (seq !== requestSeq) return; // A newer navigation won; drop this stale answer.
        const history =
          via === 'navigate' && previous !== null && previous !== contents.path
            ? { back: [...get().back, previous], forward: [] }
            : {};
        const sameFolder = contents.path === previous;
        set({
          ...contents,
          status: 'ready',
          error: null,
          ...keptSelection(get(), contents.entries, sameFolder && via === 'refresh', focus),
          // A filter typed for one folder would hide the next folder's entries unexpectedly.
          ...(sameFolder ? {} : { filter: '' }),
          ...history,
        });
      } catch (error) {
        if (seq !== requestSeq) return;
        set({ status: 'error', error: asApiError(error) });
      }
    },
    async up() {
      const { parent } = get();
      if (parent !== null) await get().open(parent);
    },
    async goBack() {
      const back = [...get().back];
      const target = back.pop();
      const current = get().path;
      if (target === undefined) return;
      set({ back, forward: current === null ? get().forward : [current, ...get().forward] });
      await get().open(target, 'back');
    },
    async goForward() {
      const [target, ...forward] = get().forward;
      const current = get().path;
      if (target === undefined) return;
      set({ forward, back: current === null ? get().back : [...get().back, current] });
      await get().open(target, 'forward');
    },
    async refresh(focus) {
      const { path } = get();
      if (path !== null) await get().open(path, 'refresh', focus);
    },
    setSort(sort) {
      set({ sort });
    },
    setFilter(filter) {
      set({ filter });
    },
    setShowHidden(showHidden) {
      set({ showHidden });
    },
    select(keys, cursor) {
      set({ selected: new Set(keys), ...(cursor === undefined ? {} : { cursor }) });
    },
  }));
}

/** Selection and cursor after a listing: `focus` alone, else (on refresh) what still exists, else nothing. */
function keptSelection(
  state: PaneState,
  entries: readonly PaneEntry[],
  keep: boolean,
  focus: string | undefined,
): Pick<PaneState, 'selected' | 'cursor'> {
  const listed = keep || focus !== undefined ? new Set(entries.map((e) => e.key)) : null;
  if (focus !== undefined && listed!.has(focus)) return { selected: new Set([focus]), cursor: focus };
  if (!keep) return { selected: new Set(), cursor: null };
  const selected = new Set([...state.selected].filter((key) => listed!.has(key)));
  return { selected, cursor: state.cursor !== null && listed!.has(state.cursor) ? state.cursor : null };
}

function asApiError(error: unknown): ApiError {
  if (error instanceof Error && 'code' in error && isApiError({ code: error.code, message: error.message })) {
    // The detail (the server's reply) is kept for the pane's "Details".
    const detail = 'detail' in error && typeof error.detail === 'string' ? { detail: error.detail } : {};
    return { code: (error as { code: ApiError['code'] }).code, message: error.message, ...detail };
  }
  return { code: 'INTERNAL', message: errorMessage(error) };
}
