/**
 * The queue in memory: items and batches, with every per-batch figure (counts
 * per state, bytes, folders still to list) kept up to date on each change, so
 * nothing ever has to scan 100,000 items to draw a progress bar.
 *
 * All state changes go through {@link QueueStore.setState}; it is the one
 * place that keeps counts, bytes and the ready queues consistent.
 */
import type { QueueView, TransferItem, TransferState } from '../../shared/contract/transfers';
import { emptyCounts, FINISHED, toWireItem, UNFINISHED, type BatchRecord, type ItemRecord } from './model';
import { ReadyQueues } from './ready-queues';

/** What the store tells its owner (journal, events) after a change. */
export interface StoreListener {
  /** An item was added or changed in a way worth persisting (not progress). */
  itemChanged(item: ItemRecord): void;
  itemRemoved(item: ItemRecord): void;
  batchAdded(batch: BatchRecord): void;
  /** A batch's figures changed (counts, bytes): for progress, not for the journal. */
  batchChanged(batch: BatchRecord): void;
  batchRemoved(batch: BatchRecord): void;
}

/** A new item before it has an id. */
export type NewItem = Omit<ItemRecord, 'id'>;
/** A new batch before it has an id and figures. */
export type NewBatch = Pick<
  BatchRecord,
  'site' | 'direction' | 'label' | 'createdAt' | 'priority' | 'conflictPolicy' | 'skipIdentical'
>;

/** Bytes of an item that count towards its batch: skipped and cancelled items count nothing. */
function countsBytes(state: TransferState): boolean {
  return state !== 'skipped' && state !== 'cancelled';
}

/** Items and batches, indexed and counted. */
export class QueueStore {
  readonly items = new Map<number, ItemRecord>();
  readonly batches = new Map<number, BatchRecord>();
  /** Items that could start now. */
  readonly ready = new ReadyQueues();
  private readonly childCount = new Map<number, number>();
  private nextItemId = 1;
  private nextBatchId = 1;

  constructor(private readonly listener: StoreListener) {}

  /** Creates a batch. */
  addBatch(fields: NewBatch): BatchRecord {
    const batch: BatchRecord = {
      ...fields,
      id: this.nextBatchId++,
      counts: emptyCounts(),
      total: 0,
      bytesTotal: 0,
      bytesDone: 0,
      foldersPending: 0,
      filesQueued: 0,
      conflictIds: new Set(),
    };
    this.batches.set(batch.id, batch);
    this.listener.batchAdded(batch);
    return batch;
  }

  /** Restores a batch read from the journal, keeping its id. */
  restoreBatch(batch: BatchRecord): void {
    this.batches.set(batch.id, batch);
    this.nextBatchId = Math.max(this.nextBatchId, batch.id + 1);
  }

  /** Adds an item; a queued item becomes ready at once. */
  addItem(fields: NewItem): ItemRecord {
    const item: ItemRecord = { ...fields, id: this.nextItemId++ };
    this.insert(item);
    this.listener.itemChanged(item);
    return item;
  }

  /** Restores an item read from the journal, keeping its id (not marked ready: restored items start paused). */
  restoreItem(item: ItemRecord): void {
    this.nextItemId = Math.max(this.nextItemId, item.id + 1);
    this.insert(item, false);
  }

  /** How many items a folder item's expansion has created so far. */
  childrenOf(parentId: number): number {
    return this.childCount.get(parentId) ?? 0;
  }

  /** Names of the items a folder item already created (only for re-listing a folder after a restart). */
  childNames(parentId: number, nameOf: (item: ItemRecord) => string): Set<string> {
    const names = new Set<string>();
    if (this.childrenOf(parentId) === 0) return names;
    for (const item of this.items.values()) if (item.parentId === parentId) names.add(nameOf(item));
    return names;
  }

  /**
   * Moves `item` to `state`, applying `patch` first. A queued item becomes ready
   * unless `waiting` (a retry with backoff); the owner calls {@link markReady} later.
   */
  setState(item: ItemRecord, state: TransferState, patch: Partial<ItemRecord> = {}, waiting = false): void {
    const batch = this.batches.get(item.batchId);
    if (batch) this.uncount(batch, item);
    this.ready.remove(item);
    Object.assign(item, patch);
    item.state = state;
    if (batch) this.count(batch, item);
    if (state === 'queued' && !waiting) this.ready.add(item);
    this.listener.itemChanged(item);
    if (batch) this.listener.batchChanged(batch);
  }

  /** A queued item whose retry wait is over can start. */
  markReady(item: ItemRecord): void {
    if (item.state === 'queued') this.ready.add(item);
  }

  /** Records the source size once known. */
  setSize(item: ItemRecord, size: number | null): void {
    if (item.size === size) return;
    const batch = this.batches.get(item.batchId);
    if (batch && item.kind === 'file' && countsBytes(item.state)) batch.bytesTotal += (size ?? 0) - (item.size ?? 0);
    item.size = size;
  }

  /** Sets how many bytes of `item` are done (progress; not persisted on every call). */
  setBytesDone(item: ItemRecord, bytes: number): void {
    const batch = this.batches.get(item.batchId);
    if (batch && countsBytes(item.state)) batch.bytesDone += bytes - item.bytesDone;
    item.bytesDone = bytes;
  }

  /** Changes an item's priority, keeping it ready if it was. */
  setPriority(item: ItemRecord, priority: ItemRecord['priority']): void {
    if (item.priority === priority) return;
    const wasReady = this.ready.has(item.id);
    this.ready.remove(item);
    item.priority = priority;
    if (wasReady) this.ready.add(item);
    this.listener.itemChanged(item);
  }

  /** Removes a finished item from the queue; a batch left empty goes too. */
  remove(item: ItemRecord): void {
    const batch = this.batches.get(item.batchId);
    if (batch) {
      this.uncount(batch, item);
      batch.total -= 1;
    }
    this.ready.remove(item);
    this.items.delete(item.id);
    if (item.parentId !== null) {
      const left = (this.childCount.get(item.parentId) ?? 1) - 1;
      if (left <= 0) this.childCount.delete(item.parentId);
      else this.childCount.set(item.parentId, left);
    }
    this.listener.itemRemoved(item);
    if (batch) {
      if (batch.total <= 0) {
        this.batches.delete(batch.id);
        this.listener.batchRemoved(batch);
      } else this.listener.batchChanged(batch);
    }
  }

  /** Items of a batch (a scan: for control actions on a batch, not for progress). */
  *itemsOf(batchId: number): IterableIterator<ItemRecord> {
    for (const item of this.items.values()) if (item.batchId === batchId) yield item;
  }

  /** One page of the queue in the order items were added. */
  page(query: { offset: number; limit: number; view: QueueView; batchId?: number }): {
    total: number;
    items: TransferItem[];
  } {
    const matches = viewFilter(query.view);
    const items: TransferItem[] = [];
    let total = 0;
    for (const item of this.items.values()) {
      if (query.batchId !== undefined && item.batchId !== query.batchId) continue;
      if (!matches(item.state)) continue;
      if (total >= query.offset && items.length < query.limit) items.push(toWireItem(item));
      total += 1;
    }
    return { total, items };
  }

  private insert(item: ItemRecord, makeReady = true): void {
    this.items.set(item.id, item);
    if (item.parentId !== null) this.childCount.set(item.parentId, this.childrenOf(item.parentId) + 1);
    const batch = this.batches.get(item.batchId);
    if (batch) {
      batch.total += 1;
      this.count(batch, item);
      this.listener.batchChanged(batch);
    }
    if (makeReady && item.state === 'queued') this.ready.add(item);
  }

  private count(batch: BatchRecord, item: ItemRecord): void {
    this.adjust(batch, item, 1);
  }

  private uncount(batch: BatchRecord, item: ItemRecord): void {
    this.adjust(batch, item, -1);
  }

  private adjust(batch: BatchRecord, item: ItemRecord, sign: 1 | -1): void {
    batch.counts[item.state] += sign;
    if (item.kind === 'dir') {
      if (UNFINISHED.has(item.state)) batch.foldersPending += sign;
      return;
    }
    if (item.state === 'queued') batch.filesQueued += sign;
    if (countsBytes(item.state)) {
      batch.bytesTotal += sign * (item.size ?? 0);
      batch.bytesDone += sign * item.bytesDone;
    }
    if (item.conflict !== null && item.state === 'paused') {
      if (sign > 0) batch.conflictIds.add(item.id);
      else batch.conflictIds.delete(item.id);
    }
  }
}

function viewFilter(view: QueueView): (state: TransferState) => boolean {
  switch (view) {
    case 'all':
      return () => true;
    case 'pending':
      return (state) => UNFINISHED.has(state);
    case 'failed':
      return (state) => state === 'failed';
    case 'finished':
      return (state) => FINISHED.has(state) && state !== 'failed';
  }
}
