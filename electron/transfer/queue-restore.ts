/**
 * The queue between runs: what a journal replay puts back into the store, and
 * the compact set of records that describes the queue as it is now.
 */
import type { ConflictAction } from '../../shared/contract/transfers';
import type { BatchSnapshot, JournalContents, JournalRecord } from './journal';
import { emptyCounts, type BatchRecord } from './model';
import type { QueueStore } from './queue-store';

/** Shown on items that come back after a restart. */
export const RESTORED = 'Paused: Ferry was closed before this finished. Resume to continue.';

/** The saved fields of a batch. */
export function batchSnapshot(batch: BatchRecord): BatchSnapshot {
  return {
    id: batch.id,
    site: batch.site,
    direction: batch.direction,
    label: batch.label,
    createdAt: batch.createdAt,
    priority: batch.priority,
    conflictPolicy: batch.conflictPolicy,
    skipIdentical: batch.skipIdentical,
  };
}

/**
 * Puts a replayed journal into `store`. Items that were queued or running come
 * back paused (the user decides when transfers start again), keeping their
 * progress and resume records; finished items come back as they were.
 */
export function restoreQueue(store: QueueStore, contents: JournalContents): void {
  for (const snapshot of contents.batches.values()) {
    store.restoreBatch({
      ...snapshot,
      counts: emptyCounts(),
      total: 0,
      bytesTotal: 0,
      bytesDone: 0,
      foldersPending: 0,
      filesQueued: 0,
      conflictIds: new Set(),
    });
  }
  const items = [...contents.items.values()].sort((a, b) => a.id - b.id);
  for (const item of items) {
    if (!store.batches.has(item.batchId)) continue;
    if (item.state === 'queued' || item.state === 'active') {
      item.state = 'paused';
      item.note = RESTORED;
    }
    store.restoreItem(item);
  }
  for (const batch of [...store.batches.values()]) {
    if (batch.total === 0) store.batches.delete(batch.id);
  }
}

/** Every live record: what a compacted journal holds. */
export function* queueSnapshot(
  store: QueueStore,
  settings: { futureAnswer: ConflictAction | null },
): Iterable<JournalRecord> {
  yield { t: 's', s: settings };
  for (const batch of store.batches.values()) yield { t: 'b', b: batchSnapshot(batch) };
  for (const item of store.items.values()) yield { t: 'i', i: item };
}
