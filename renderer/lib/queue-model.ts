/**
 * What the queue panel shows, computed from the engine's figures: a batch
 * row's state, progress and counts line; an item row's name, paths, state and
 * details; the tabs and their counts; the status bar's totals.
 */
import type { BatchInfo, ItemProgress, QueueView, StateCounts, TransferItem, TransferPriority } from '../../shared/contract/transfers';
import { humanSize } from './format';
import { bytesText, countsText, etaText, filesRateText, joinParts, percentOf, rateText } from './queue-format';

/** The queue's tabs: the engine's views without "all". */
export type QueueTab = Exclude<QueueView, 'all'>;

/** The tabs in order, with their titles. */
export const QUEUE_TABS: readonly { tab: QueueTab; title: string }[] = [
  { tab: 'pending', title: 'Queued and active' },
  { tab: 'failed', title: 'Failed' },
  { tab: 'finished', title: 'Done' },
];

/** How many items of `counts` a tab shows. */
export function countInTab(counts: StateCounts, tab: QueueTab): number {
  switch (tab) {
    case 'pending':
      return counts.queued + counts.active + counts.paused;
    case 'failed':
      return counts.failed;
    case 'finished':
      return counts.done + counts.skipped + counts.cancelled;
  }
}

/** Items per tab over all batches. */
export function tabCounts(batches: Iterable<BatchInfo>): Record<QueueTab, number> {
  const totals = { pending: 0, failed: 0, finished: 0 };
  for (const batch of batches) {
    for (const { tab } of QUEUE_TABS) totals[tab] += countInTab(batch.counts, tab);
  }
  return totals;
}

/** Where a batch is, as one word the row shows. */
export type BatchPhase = 'conflict' | 'active' | 'listing' | 'queued' | 'paused' | 'failed' | 'done' | 'cancelled';

/** The phase of a batch: what the user most needs to know first. */
export function batchPhase(batch: BatchInfo): BatchPhase {
  const c = batch.counts;
  if (batch.conflicts > 0) return 'conflict';
  if (c.active > 0) return 'active';
  if (c.queued > 0) return batch.expanding ? 'listing' : 'queued';
  if (c.paused > 0) return 'paused';
  if (c.failed > 0) return 'failed';
  if (c.done + c.skipped === 0 && c.cancelled > 0) return 'cancelled';
  return 'done';
}

const PHASE_TEXT: Record<BatchPhase, string> = {
  conflict: 'Needs your answer',
  active: 'Transferring',
  listing: 'Listing folders',
  queued: 'Queued',
  paused: 'Paused',
  failed: 'Failed',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** Items of a batch that are over, one way or another. */
export function finishedItems(counts: StateCounts): number {
  return counts.done + counts.skipped + counts.failed + counts.cancelled;
}

/** Everything a batch row shows. */
export interface BatchRowModel {
  id: number;
  direction: BatchInfo['direction'];
  label: string;
  phase: BatchPhase;
  stateText: string;
  /** 0–100. */
  percent: number;
  bytes: string;
  /** `4,160 / 5,000 · 490 files/s · 2 s left`. */
  details: string;
  priority: TransferPriority;
  /** Items waiting for a conflict answer. */
  conflicts: number;
  canPause: boolean;
  canResume: boolean;
  canRetry: boolean;
  canCancel: boolean;
}

/** The row of one batch. */
export function batchRow(batch: BatchInfo): BatchRowModel {
  const c = batch.counts;
  const phase = batchPhase(batch);
  const moving = phase === 'active' || phase === 'listing' || phase === 'queued';
  const extra = joinParts([
    c.failed > 0 ? `${c.failed.toLocaleString('en-US')} failed` : '',
    c.skipped > 0 ? `${c.skipped.toLocaleString('en-US')} skipped` : '',
    batch.conflicts > 0 ? `${batch.conflicts.toLocaleString('en-US')} already exist` : '',
  ]);
  return {
    id: batch.id,
    direction: batch.direction,
    label: batch.label,
    phase,
    stateText: PHASE_TEXT[phase],
    percent: batchPercent(batch),
    bytes: bytesText(batch.bytesDone, batch.bytesTotal),
    details: joinParts([
      countsText(finishedItems(c), batch.total) + (batch.expanding ? '+' : ''),
      moving ? filesRateText(batch.filesPerSecond) : '',
      moving ? rateText(batch.rate) : '',
      moving ? etaText(batch.etaSeconds) : '',
      extra,
    ]),
    priority: batch.priority,
    conflicts: batch.conflicts,
    canPause: c.queued + c.active > 0,
    canResume: c.paused > 0,
    canRetry: c.failed + c.cancelled > 0,
    canCancel: c.queued + c.active + c.paused + c.failed > 0,
  };
}

/** A batch's progress: by bytes when it has any, else by items. */
export function batchPercent(batch: BatchInfo): number {
  if (batch.bytesTotal > 0) return percentOf(batch.bytesDone, batch.bytesTotal);
  return percentOf(finishedItems(batch.counts), batch.total);
}

const ITEM_STATE_TEXT: Record<TransferItem['state'], string> = {
  queued: 'Queued',
  active: 'Transferring',
  paused: 'Paused',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

const VERIFY_TEXT: Record<NonNullable<TransferItem['verify']>, string> = {
  verified: 'checksum verified',
  'not-verifiable': 'not verified (the server cannot hash)',
  mismatch: 'checksum MISMATCH',
};

/** Everything an item row shows. */
export interface ItemRowModel {
  id: number;
  name: string;
  kind: TransferItem['kind'];
  /** `source → target`. */
  where: string;
  stateText: string;
  percent: number;
  bytes: string;
  details: string;
  /** Why it failed or was skipped, when it did. */
  reason: string | null;
  priority: TransferPriority;
  state: TransferItem['state'];
}

/** The file name of a path of either side (`/` or `\`). */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  if (trimmed === '') return path;
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut >= 0 ? trimmed.slice(cut + 1) || trimmed : trimmed;
}

/** The row of one item, with its live progress when it is running. */
export function itemRow(item: TransferItem, progress: ItemProgress | undefined): ItemRowModel {
  const source = item.direction === 'download' ? item.remotePath : item.localPath;
  const target = item.direction === 'download' ? item.localPath : item.remotePath;
  const size = progress?.size ?? item.size;
  const done = progress?.bytesDone ?? item.bytesDone;
  const reason = item.state === 'failed' ? (item.lastError?.message ?? 'Unknown error.') : item.state === 'skipped' || item.state === 'paused' ? item.note : null;
  const verify = item.verify && item.state === 'done' ? VERIFY_TEXT[item.verify] : '';
  return {
    id: item.id,
    name: baseName(source),
    kind: item.kind,
    where: `${source} → ${target}`,
    stateText: joinParts([ITEM_STATE_TEXT[item.state], verify]),
    percent: item.state === 'done' ? 100 : size ? percentOf(done, size) : 0,
    bytes: item.kind === 'dir' ? 'Folder' : bytesText(item.state === 'done' ? (size ?? done) : done, size),
    details: joinParts([
      progress ? rateText(progress.rate) : '',
      progress ? etaText(progress.etaSeconds) : '',
      item.attempts > 1 && item.state !== 'done' ? `try ${item.attempts}` : '',
    ]),
    reason,
    priority: item.priority,
    state: item.state,
  };
}

/** The status bar's figures over the whole queue. */
export interface QueueTotals {
  /** Items waiting or moving. */
  pending: number;
  failed: number;
  bytesLeft: number;
  rate: number;
  activity: 'transferring' | 'waiting' | 'paused' | 'idle';
}

/** Totals of every batch. */
export function queueTotals(batches: Iterable<BatchInfo>): QueueTotals {
  const totals: QueueTotals = { pending: 0, failed: 0, bytesLeft: 0, rate: 0, activity: 'idle' };
  let active = 0;
  let queued = 0;
  let paused = 0;
  for (const batch of batches) {
    const c = batch.counts;
    totals.pending += c.queued + c.active + c.paused;
    totals.failed += c.failed;
    if (c.queued + c.active + c.paused > 0) totals.bytesLeft += Math.max(0, batch.bytesTotal - batch.bytesDone);
    totals.rate += batch.rate;
    active += c.active;
    queued += c.queued;
    paused += c.paused;
  }
  totals.activity = active > 0 ? 'transferring' : queued > 0 ? 'waiting' : paused > 0 ? 'paused' : 'idle';
  return totals;
}

/** The status bar's sentence: `Transferring… · 12 items · 40.2 MB left · 3.1 MB/s`. */
export function totalsText(totals: QueueTotals): string {
  const head = { transferring: 'Transferring…', waiting: 'Waiting to start…', paused: 'Paused', idle: 'Idle' }[totals.activity];
  return joinParts([
    head,
    totals.pending > 0 ? `${totals.pending.toLocaleString('en-US')} ${totals.pending === 1 ? 'item' : 'items'} in the queue` : '',
    totals.bytesLeft > 0 ? `${humanSize(totals.bytesLeft)} left` : '',
    totals.activity === 'transferring' ? rateText(totals.rate) : '',
    totals.failed > 0 ? `${totals.failed.toLocaleString('en-US')} failed` : '',
  ]);
}

/** Priorities from lowest to highest. */
export const PRIORITIES: readonly TransferPriority[] = ['lowest', 'low', 'normal', 'high', 'highest'];

/** One step up or down, or `null` at either end. */
export function stepPriority(priority: TransferPriority, step: 1 | -1): TransferPriority | null {
  return PRIORITIES[PRIORITIES.indexOf(priority) + step] ?? null;
}

/** `High`. */
export function priorityText(priority: TransferPriority): string {
  return priority[0]!.toUpperCase() + priority.slice(1);
}
