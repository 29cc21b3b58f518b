/**
 * The two switches above the panes: directory comparison and synchronized
 * browsing, plus the notice that says why synchronized browsing stopped.
 */
import { create } from 'zustand';
import { stepsBelow } from '../lib/relative-path';
import type { PathSegment } from '../../shared/contract/local';
import type { PaneOperations } from './pane-operations';
import type { PaneStore } from './pane-store';
import { errorMessage } from '../lib/errors';

/** The switches' state. */
export interface ComparisonState {
  /** Mark entries against the other pane's listing. */
  comparing: boolean;
  /** Entering a folder on one side enters the same folder on the other. */
  syncing: boolean;
  /** Why synchronized browsing turned itself off, until dismissed. */
  notice: string | null;
}

export const useComparison = create<ComparisonState>()(() => ({ comparing: false, syncing: false, notice: null }));

/** Turns directory comparison on or off. */
export function setComparing(comparing: boolean): void {
  useComparison.setState({ comparing });
}

/** One side of synchronized browsing. */
export interface SyncSide {
  /** "local" or "remote", for notices. */
  name: string;
  store: PaneStore;
  operations: PaneOperations;
}

let stopSync: (() => void) | null = null;

/**
 * Starts synchronized browsing from the folders both panes show now: from
 * here on, a move below that folder on one side is repeated on the other.
 */
export function startSync(a: SyncSide, b: SyncSide): void {
  stopSync?.();
  const roots = new Map([
    [a, a.store.getState().segments],
    [b, b.store.getState().segments],
  ]);
  // While Ferry moves the other side itself, that move must not be mirrored back.
  let mirroring = 0;
  const follow = (from: SyncSide, to: SyncSide) =>
    from.store.subscribe((state, previous) => {
      if (mirroring > 0 || state.path === previous.path || state.status !== 'ready') return;
      void mirror(from, to, state.segments).catch((error: unknown) => endSync(errorMessage(error)));
    });
  const mirror = async (from: SyncSide, to: SyncSide, segments: PathSegment[]): Promise<void> => {
    const steps = stepsBelow(roots.get(from)!, segments);
    if (steps === null) return endSync(`Synchronized browsing is off: you left the folder it started in on the ${from.name} side.`);
    const target = await targetFolder(to, roots.get(to)!, steps);
    if (target === null) return endSync(`Synchronized browsing is off: "${steps.at(-1)}" does not exist on the ${to.name} side.`);
    mirroring++;
    try {
      await to.store.getState().open(target);
    } finally {
      mirroring--;
    }
    if (to.store.getState().status === 'error') endSync(`Synchronized browsing is off: the ${to.name} side could not open ${target}.`);
  };
  const stops = [follow(a, b), follow(b, a)];
  stopSync = () => stops.forEach((stop) => stop());
  useComparison.setState({ syncing: true, notice: null });
}

/** Turns synchronized browsing off; `notice` tells the user why, when it was not their choice. */
export function endSync(notice: string | null = null): void {
  stopSync?.();
  stopSync = null;
  useComparison.setState({ syncing: false, notice });
}

/** Hides the notice. */
export function dismissSyncNotice(): void {
  useComparison.setState({ notice: null });
}

/**
 * The folder on `side` that `steps` lead to from its root, or `null` when the
 * last step is missing there. Only a step into a child of the folder shown is
 * checked against its listing; other moves are checked by opening them.
 */
async function targetFolder(side: SyncSide, root: PathSegment[], steps: string[]): Promise<string | null> {
  const state = side.store.getState();
  const current = stepsBelow(root, state.segments);
  const isChildStep = current !== null && steps.length === current.length + 1 && current.every((name, i) => steps[i] === name);
  if (isChildStep) return state.entries.find((e) => e.isFolder && e.name === steps.at(-1))?.key ?? null;
  let folder = root.at(-1)!.path;
  for (const name of steps) folder = await side.operations.childPath(folder, name);
  return folder;
}
