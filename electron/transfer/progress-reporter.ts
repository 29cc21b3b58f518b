/**
 * Turns the queue's changes into a few events a second. Bytes move in many
 * small chunks on many connections; the renderer gets one `progress` event per
 * tick (about ten a second in total) with every active item and every batch
 * that changed, plus the items whose state changed (capped: past the cap it is
 * told to page again), new and removed batches, and conflict requests.
 */
import type {
  BatchInfo,
  BatchesChanged,
  ConflictRequest,
  ItemProgress,
  ItemsChanged,
  ProgressUpdate,
} from '../../shared/contract/transfers';
import { toWireItem, type BatchRecord } from './model';
import type { QueueStore } from './queue-store';
import { etaSeconds, RateMeter } from './rate-meter';

/** Where the reporter sends what it gathered. */
export interface ProgressSink {
  progress(update: ProgressUpdate): void;
  items(change: ItemsChanged): void;
  batches(change: BatchesChanged): void;
  conflict(request: ConflictRequest): void;
}

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  intervalMs: number;
  now: () => number;
  /** The current conflict request of a batch. */
  conflictRequest: (batchId: number) => ConflictRequest | null;
}

/** Most changed items one `items` event carries. */
const MAX_ITEMS_PER_EVENT = 500;

/** Gathers changes between ticks and emits them in batches. */
export class ProgressReporter {
  private readonly changedItems = new Set<number>();
  private readonly removedItems: number[] = [];
  private readonly changedBatches = new Set<number>();
  private readonly newBatches = new Set<number>();
  private readonly removedBatches: number[] = [];
  private readonly conflictBatches = new Set<number>();
  private readonly active = new Set<number>();
  private readonly itemMeters = new Map<number, RateMeter>();
  private readonly batchMeters = new Map<number, { bytes: RateMeter; files: RateMeter }>();
  private overflow = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: QueueStore,
    private readonly sink: ProgressSink,
    private readonly options: ProgressReporterOptions,
  ) {}

  itemChanged(id: number): void {
    if (this.changedItems.size >= MAX_ITEMS_PER_EVENT) this.overflow = true;
    else this.changedItems.add(id);
    this.wake();
  }

  itemRemoved(id: number): void {
    this.changedItems.delete(id);
    if (this.removedItems.length >= MAX_ITEMS_PER_EVENT) this.overflow = true;
    else this.removedItems.push(id);
    this.wake();
  }

  batchAdded(id: number): void {
    this.newBatches.add(id);
    this.wake();
  }

  batchChanged(id: number): void {
    this.changedBatches.add(id);
    this.wake();
  }

  batchRemoved(id: number): void {
    this.newBatches.delete(id);
    this.changedBatches.delete(id);
    this.batchMeters.delete(id);
    this.removedBatches.push(id);
    this.wake();
  }

  conflictsChanged(batchId: number): void {
    this.conflictBatches.add(batchId);
    this.wake();
  }

  itemStarted(id: number): void {
    this.active.add(id);
    this.itemMeters.set(id, new RateMeter());
    this.wake();
  }

  itemStopped(id: number): void {
    this.active.delete(id);
    this.itemMeters.delete(id);
  }

  /** The restart of an item from zero makes its old rate meaningless. */
  itemRestarted(id: number): void {
    this.itemMeters.get(id)?.reset();
  }

  /** A batch as the renderer sees it, with rates and time left. */
  describe(batch: BatchRecord): BatchInfo {
    const meters = this.batchMeters.get(batch.id);
    const rate = meters?.bytes.perSecond() ?? 0;
    return {
      id: batch.id,
      site: batch.site,
      direction: batch.direction,
      label: batch.label,
      createdAt: batch.createdAt,
      priority: batch.priority,
      conflictPolicy: batch.conflictPolicy,
      skipIdentical: batch.skipIdentical,
      counts: { ...batch.counts },
      total: batch.total,
      bytesTotal: batch.bytesTotal,
      bytesDone: batch.bytesDone,
      rate,
      filesPerSecond: meters?.files.perSecond() ?? 0,
      etaSeconds: batch.counts.active + batch.counts.queued === 0 ? null : etaSeconds(batch.bytesTotal - batch.bytesDone, rate),
      expanding: batch.foldersPending > 0,
      conflicts: batch.conflictIds.size,
    };
  }

  /** Emits what gathered since the last tick. Public so `close()` can send the final state. */
  tick(): void {
    const now = this.options.now();
    const items: ItemProgress[] = [];
    const touched = new Set(this.changedBatches);
    for (const id of this.active) {
      const item = this.store.items.get(id);
      if (!item) continue;
      const meter = this.itemMeters.get(id) ?? new RateMeter();
      meter.sample(now, item.bytesDone);
      const rate = meter.perSecond();
      items.push({
        id,
        batchId: item.batchId,
        bytesDone: item.bytesDone,
        size: item.size,
        rate,
        etaSeconds: item.size === null ? null : etaSeconds(item.size - item.bytesDone, rate),
      });
      touched.add(item.batchId);
    }
    const batches: BatchInfo[] = [];
    for (const id of touched) {
      const batch = this.store.batches.get(id);
      if (!batch) continue;
      this.sampleBatch(batch, now);
      batches.push(this.describe(batch));
    }
    this.changedBatches.clear();
    if (items.length > 0 || batches.length > 0) this.sink.progress({ time: Date.now(), batches, items });
    this.emitItemChanges();
    this.emitBatchChanges();
    for (const batchId of this.conflictBatches) {
      const request = this.options.conflictRequest(batchId);
      if (request) this.sink.conflict(request);
    }
    this.conflictBatches.clear();
    if (this.active.size === 0) this.sleep();
  }

  /** Stops the timer (the engine is closing). */
  stop(): void {
    this.sleep();
  }

  private sampleBatch(batch: BatchRecord, now: number): void {
    let meters = this.batchMeters.get(batch.id);
    if (!meters) this.batchMeters.set(batch.id, (meters = { bytes: new RateMeter(), files: new RateMeter() }));
    const finished = batch.counts.done + batch.counts.failed + batch.counts.skipped + batch.counts.cancelled;
    meters.bytes.sample(now, batch.bytesDone);
    meters.files.sample(now, finished);
    if (batch.counts.active === 0 && batch.counts.queued === 0) this.batchMeters.delete(batch.id);
  }

  private emitItemChanges(): void {
    if (this.changedItems.size === 0 && this.removedItems.length === 0 && !this.overflow) return;
    const items = this.overflow
      ? []
      : [...this.changedItems].flatMap((id) => {
          const item = this.store.items.get(id);
          return item ? [toWireItem(item)] : [];
        });
    this.sink.items({ items, removed: this.overflow ? [] : [...this.removedItems], resync: this.overflow });
    this.changedItems.clear();
    this.removedItems.length = 0;
    this.overflow = false;
  }

  private emitBatchChanges(): void {
    if (this.newBatches.size === 0 && this.removedBatches.length === 0) return;
    const batches = [...this.newBatches].flatMap((id) => {
      const batch = this.store.batches.get(id);
      return batch ? [this.describe(batch)] : [];
    });
    this.sink.batches({ batches, removed: [...this.removedBatches] });
    this.newBatches.clear();
    this.removedBatches.length = 0;
  }

  private wake(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  private sleep(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }
}
