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
}

/** What a pane can do. */
export interface PaneActions {
  /** Open a folder; records history unless it is a back/forward step. */
  open(path: string, via?: 'navigate' | 'back' | 'forward' | 'refresh'): Promise<void>;
  up(): Promise<void>;
  goBack(): Promise<void>;
  goForward(): Promise<void>;
  refresh(): Promise<void>;
  setSort(order: SortOrder): void;
  select(keys: Iterable<string>, cursor?: string | null): void;
}

/** A pane's store. */
export type PaneStore = StoreApi<PaneState & PaneActions>;

/** Creates a pane whose folders come from `load`. */
export function createPaneStore(load: (path: string) => Promise<FolderContents>): PaneStore {
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

    async open(path, via = 'navigate') {
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
        set({ ...contents, status: 'ready', error: null, selected: new Set(), cursor: null, ...history });
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
    async refresh() {
      const { path } = get();
      if (path !== null) await get().open(path, 'refresh');
    },
    setSort(sort) {
      set({ sort });
    },
    select(keys, cursor) {
      set({ selected: new Set(keys), ...(cursor === undefined ? {} : { cursor }) });
    },
  }));
}

function asApiError(error: unknown): ApiError {
  if (error instanceof Error && 'code' in error && isApiError({ code: error.code, message: error.message })) {
    return { code: (error as { code: ApiError['code'] }).code, message: error.message };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
