/**
 * The transfer queue as the renderer knows it: every batch with its figures,
 * the open tab, which batches are expanded, the items of expanded batches
 * fetched page by page (never the whole queue), live progress of running
 * items, and open conflict questions. Events from the main process are
 * applied here, outside React (see api/subscriptions.ts).
 */
import { create } from 'zustand';
import type {
  BatchInfo,
  BatchesChanged,
  ConflictAnswer,
  ConflictRequest,
  ItemProgress,
  ItemsChanged,
  ProgressUpdate,
  TransferItem,
  TransferPriority,
  TransferState,
  TransferTarget,
} from '../../shared/contract/transfers';
import { api } from '../api';
import type { QueueTab } from '../lib/queue-model';
import { blocksFor, ITEM_BLOCK } from '../lib/queue-rows';
import { errorMessage } from '../lib/errors';

/** The fetched items of one expanded batch in the open tab. */
export interface ItemPage {
  /** Item by its index in the batch's list for the tab. */
  items: ReadonlyMap<number, TransferItem>;
  /** Index of each fetched item id, to patch changes in place. */
  indexOf: ReadonlyMap<number, number>;
  /** Blocks fetched since the last change that could move items (refetched when shown). */
  loaded: ReadonlySet<number>;
}

/** See the module comment. */
export interface QueueState {
  batches: ReadonlyMap<number, BatchInfo>;
  tab: QueueTab;
  expanded: ReadonlySet<number>;
  pages: ReadonlyMap<number, ItemPage>;
  /** Running items' progress from the last `transfers.progress` event. */
  progress: ReadonlyMap<number, ItemProgress>;
  /** Open conflict questions by batch. */
  conflicts: ReadonlyMap<number, ConflictRequest>;
  /** Batches whose conflict sheet the user put aside ("Decide later"). */
  laterConflicts: ReadonlySet<number>;
  /** The last thing that went wrong with a queue action, for the status bar. */
  notice: string | null;
}

/** The queue store. */
export const useQueue = create<QueueState>()(() => ({
  batches: new Map(),
  tab: 'pending',
  expanded: new Set(),
  pages: new Map(),
  progress: new Map(),
  conflicts: new Map(),
  laterConflicts: new Set(),
  notice: null,
}));

const EMPTY_PAGE: ItemPage = { items: new Map(), indexOf: new Map(), loaded: new Set() };
/** Fetches in flight, by `tab:batch:block`. */
const inFlight = new Set<string>();
/** Bumped whenever a batch's pages are invalidated, so a fetch that raced a change is not trusted. */
const generations = new Map<number, number>();

/** Makes pages of `batchId` fetched before now stale. */
function newGeneration(batchId: number): void {
  generations.set(batchId, (generations.get(batchId) ?? 0) + 1);
}
/** Callbacks for when files of a batch arrived and it stopped moving (refresh the pane they went to). */
const settleWatchers = new Map<number, { doneSeen: number; callback: () => void }>();

/** Whether an item in `state` is listed in `tab`. */
export function inTab(state: TransferState, tab: QueueTab): boolean {
  if (tab === 'pending') return state === 'queued' || state === 'active' || state === 'paused';
  if (tab === 'failed') return state === 'failed';
  return state === 'done' || state === 'skipped' || state === 'cancelled';
}

// ---- loading and events ------------------------------------------------------------------

/** Loads the queue (on start and after a reload of the window): batches and open questions. */
export async function loadQueue(): Promise<void> {
  const { batches } = await api().call('transfers.batches', {});
  useQueue.setState({ batches: new Map(batches.map((b) => [b.id, b])), pages: new Map() });
  for (const batch of batches) {
    if (batch.conflicts === 0) continue;
    const { request } = await api().call('transfers.conflicts', { batchId: batch.id });
    if (request) applyConflict(request);
  }
}

/** Applies a `transfers.progress` event: changed batches and running items. */
export function applyProgress(update: ProgressUpdate): void {
  const batches = new Map(useQueue.getState().batches);
  for (const batch of update.batches) batches.set(batch.id, batch);
  useQueue.setState({ batches, progress: new Map(update.items.map((p) => [p.id, p])) });
  for (const batch of update.batches) noticeSettled(batch);
}

/** Applies a `transfers.batches` event: new and removed batches. */
export function applyBatches(change: BatchesChanged): void {
  const state = useQueue.getState();
  const batches = new Map(state.batches);
  for (const batch of change.batches) batches.set(batch.id, batch);
  const pages = new Map(state.pages);
  const conflicts = new Map(state.conflicts);
  for (const id of change.removed) {
    batches.delete(id);
    pages.delete(id);
    conflicts.delete(id);
    settleWatchers.delete(id);
  }
  useQueue.setState({ batches, pages, conflicts });
  for (const batch of change.batches) noticeSettled(batch);
}

/**
 * Applies a `transfers.items` event. Items still in the open tab are patched
 * in place; when items enter or leave the tab (their indexes shift), that
 * batch's pages are marked for refetching, keeping what is shown meanwhile.
 */
export function applyItems(change: ItemsChanged): void {
  if (change.resync) {
    invalidate(null);
    void loadQueue().catch(reportError);
    return;
  }
  const { pages, tab } = useQueue.getState();
  if (pages.size === 0) return;
  const next = new Map(pages);
  const stale = new Set<number>();
  for (const item of change.items) {
    const page = next.get(item.batchId);
    if (!page) continue;
    const index = page.indexOf.get(item.id);
    if (index !== undefined && inTab(item.state, tab)) {
      const items = new Map(page.items).set(index, item);
      next.set(item.batchId, { ...page, items });
    } else if (index !== undefined || inTab(item.state, tab)) stale.add(item.batchId);
  }
  if (change.removed.length > 0) {
    const removed = new Set(change.removed);
    for (const [batchId, page] of next) if ([...page.indexOf.keys()].some((id) => removed.has(id))) stale.add(batchId);
  }
  useQueue.setState({ pages: next });
  for (const batchId of stale) invalidate(batchId);
}

/** Applies a `transfers.conflict` event: a batch's open conflicts, or none left. */
export function applyConflict(request: ConflictRequest): void {
  const state = useQueue.getState();
  const conflicts = new Map(state.conflicts);
  if (request.total === 0) conflicts.delete(request.batchId);
  else conflicts.set(request.batchId, request);
  useQueue.setState({ conflicts });
}

/**
 * Calls `callback` whenever batch `batchId` has finished more files than the
 * last time and nothing of it is queued or running (at once, when that is
 * already so). A batch may finish within one progress tick, or before the
 * caller's enqueue call even returned: counting done files catches both.
 */
export function whenBatchSettles(batchId: number, callback: () => void): void {
  settleWatchers.set(batchId, { doneSeen: 0, callback });
  const batch = useQueue.getState().batches.get(batchId);
  if (batch) noticeSettled(batch);
}

function noticeSettled(batch: BatchInfo): void {
  const watcher = settleWatchers.get(batch.id);
  if (!watcher || batch.counts.queued + batch.counts.active > 0 || batch.counts.done === watcher.doneSeen) return;
  watcher.doneSeen = batch.counts.done;
  watcher.callback();
}

// ---- items of expanded batches -------------------------------------------------------------

/** Marks the pages of one batch (or all) for refetching; what is shown stays until the new answer. */
function invalidate(batchId: number | null): void {
  const pages = new Map(useQueue.getState().pages);
  for (const [id, page] of pages) {
    if (batchId !== null && id !== batchId) continue;
    newGeneration(id);
    pages.set(id, { ...page, loaded: new Set() });
  }
  useQueue.setState({ pages });
}

/** Fetches the blocks of batch `batchId`'s items `from`…`to` (indexes in the open tab) not fetched yet. */
export function ensureItems(batchId: number, from: number, to: number): void {
  const { tab, pages } = useQueue.getState();
  const page = pages.get(batchId) ?? EMPTY_PAGE;
  for (const block of blocksFor(from, to)) {
    const key = `${tab}:${batchId}:${block}`;
    if (page.loaded.has(block) || inFlight.has(key)) continue;
    inFlight.add(key);
    const generation = generations.get(batchId) ?? 0;
    api()
      .call('transfers.page', { batchId, view: tab, offset: block * ITEM_BLOCK, limit: ITEM_BLOCK })
      .then(({ total, items }) => storeBlock(batchId, tab, block, generation, total, items))
      .catch(reportError)
      .finally(() => inFlight.delete(key));
  }
}

function storeBlock(batchId: number, tab: QueueTab, block: number, generation: number, total: number, fetched: TransferItem[]): void {
  const state = useQueue.getState();
  if (state.tab !== tab || !state.expanded.has(batchId)) return;
  const page = state.pages.get(batchId) ?? EMPTY_PAGE;
  const items = new Map(page.items);
  const indexOf = new Map(page.indexOf);
  const start = block * ITEM_BLOCK;
  for (let i = start; i < start + ITEM_BLOCK; i++) {
    const old = items.get(i);
    if (old && indexOf.get(old.id) === i) indexOf.delete(old.id);
    items.delete(i);
  }
  fetched.forEach((item, offset) => {
    items.set(start + offset, item);
    indexOf.set(item.id, start + offset);
  });
  // Items past the end are gone.
  for (const index of [...items.keys()]) {
    if (index >= total) {
      indexOf.delete(items.get(index)!.id);
      items.delete(index);
    }
  }
  // A change arrived while this was on its way: show it, but fetch again.
  const current = (generations.get(batchId) ?? 0) === generation;
  const loaded = current ? new Set(page.loaded).add(block) : page.loaded;
  useQueue.setState({ pages: new Map(state.pages).set(batchId, { items, indexOf, loaded }) });
}

// ---- what the user changes -----------------------------------------------------------------

/** Switches tab; expanded batches list that tab's items. */
export function setTab(tab: QueueTab): void {
  for (const id of useQueue.getState().pages.keys()) newGeneration(id);
  useQueue.setState({ tab, pages: new Map() });
}

/** Expands or collapses a batch. */
export function setExpanded(batchId: number, expanded: boolean): void {
  const state = useQueue.getState();
  if (state.expanded.has(batchId) === expanded) return;
  const set = new Set(state.expanded);
  const pages = new Map(state.pages);
  if (expanded) set.add(batchId);
  else {
    set.delete(batchId);
    pages.delete(batchId);
    newGeneration(batchId);
  }
  useQueue.setState({ expanded: set, pages });
}

/** Pause, resume, cancel or retry an item, a batch or everything. */
export function control(action: 'pause' | 'resume' | 'cancel' | 'retry', target: TransferTarget): void {
  void api().call('transfers.control', { action, target }).catch(reportError);
}

/** Sets the priority of an item, a batch or everything. */
export function prioritise(target: TransferTarget, priority: TransferPriority): void {
  void api()
    .call('transfers.prioritise', { target, priority })
    .then(() => {
      // An item's priority shows in its row: fetch the rows again.
      if (target.kind !== 'all') invalidate(target.kind === 'batch' ? target.id : batchOfItem(target.id));
      else invalidate(null);
    })
    .catch(reportError);
}

/** Removes done, skipped and cancelled items (of one batch, or all). */
export function clearFinished(batchId?: number): void {
  void api()
    .call('transfers.clearFinished', batchId === undefined ? {} : { batchId })
    .catch(reportError);
}

/** Answers a batch's conflict question. */
export async function answerConflict(answer: ConflictAnswer): Promise<void> {
  try {
    await api().call('transfers.answerConflict', answer);
  } catch (error) {
    reportError(error);
  }
}

/** Puts a batch's conflict sheet aside until the user opens it again from the queue. */
export function decideLater(batchId: number, later = true): void {
  const set = new Set(useQueue.getState().laterConflicts);
  if (later) set.add(batchId);
  else set.delete(batchId);
  useQueue.setState({ laterConflicts: set });
}

/** Shows a sentence in the status bar. */
export function reportError(error: unknown): void {
  useQueue.setState({ notice: errorMessage(error) });
}

/** Hides the status bar's sentence. */
export function dismissNotice(): void {
  useQueue.setState({ notice: null });
}

function batchOfItem(itemId: number): number | null {
  for (const [batchId, page] of useQueue.getState().pages) if (page.indexOf.has(itemId)) return batchId;
  return null;
}
