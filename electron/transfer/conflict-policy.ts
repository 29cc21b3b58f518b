/**
 * What to do when a transfer's target already exists. Times are compared only
 * as precisely as both sides know them: a LIST date without seconds must not
 * make a file look newer than one with seconds.
 */
import type { ConflictEntry, ConflictPolicy } from '../../shared/contract/transfers';
import type { TimePrecision } from '../../shared/types/remote';
import type { FileFacts, ItemRecord } from './model';

/** The outcome of a conflict check. */
export type ConflictDecision =
  | { action: 'overwrite' }
  | { action: 'skip'; note: string }
  | { action: 'ask' }
  | { action: 'resume' }
  | { action: 'keepBoth' };

const UNIT_MS: Record<TimePrecision, number> = { millisecond: 1, second: 1000, minute: 60_000, day: 86_400_000 };

function unitOf(a: FileFacts, b: FileFacts): number {
  return Math.max(UNIT_MS[a.precision ?? 'second'], UNIT_MS[b.precision ?? 'second']);
}

/** -1, 0 or 1 as `a` is older, as old, or newer than `b`; `null` when a time is unknown. */
export function compareTimes(a: FileFacts, b: FileFacts): -1 | 0 | 1 | null {
  if (a.mtime === null || b.mtime === null) return null;
  const unit = unitOf(a, b);
  const left = Math.floor(a.mtime / unit);
  const right = Math.floor(b.mtime / unit);
  return left === right ? 0 : left > right ? 1 : -1;
}

/** Same size and, as far as both sides can tell, the same time. */
export function isIdentical(source: FileFacts, target: FileFacts): boolean {
  return source.size !== null && source.size === target.size && compareTimes(source, target) === 0;
}

/** Decides what `policy` means for this pair. */
export function decideConflict(input: {
  policy: ConflictPolicy;
  skipIdentical: boolean;
  source: FileFacts;
  target: FileFacts;
}): ConflictDecision {
  const { policy, source, target } = input;
  if (input.skipIdentical && isIdentical(source, target)) {
    return { action: 'skip', note: 'Skipped: the existing file has the same size and time.' };
  }
  switch (policy) {
    case 'ask':
      return { action: 'ask' };
    case 'overwrite':
      return { action: 'overwrite' };
    case 'skip':
      return { action: 'skip', note: 'Skipped: the file already exists.' };
    case 'resume':
      return { action: 'resume' };
    case 'keepBoth':
      return { action: 'keepBoth' };
    case 'overwriteIfNewer': {
      const order = compareTimes(source, target);
      if (order === 1) return { action: 'overwrite' };
      if (order === null) return { action: 'skip', note: 'Skipped: the times cannot tell which file is newer.' };
      return { action: 'skip', note: 'Skipped: the existing file is as new or newer.' };
    }
    case 'overwriteIfSizeDiffers':
      if (source.size === null || target.size === null) {
        return { action: 'skip', note: 'Skipped: a size is unknown, so it cannot tell whether they differ.' };
      }
      if (source.size !== target.size) return { action: 'overwrite' };
      return { action: 'skip', note: 'Skipped: the existing file has the same size.' };
    case 'overwriteIfSizeDiffersOrNewer': {
      // FileZilla's "if size differs or source newer": either reason is enough.
      if (source.size !== null && target.size !== null && source.size !== target.size) return { action: 'overwrite' };
      if (compareTimes(source, target) === 1) return { action: 'overwrite' };
      return { action: 'skip', note: 'Skipped: the existing file has the same size and is as new or newer.' };
    }
  }
}

/**
 * A decision made before the file runs (while listing or queueing) counts only
 * if it could see the source's size and time; else the file decides when it runs
 * and asks the server. Asking is always fine early: the user sees the batch's
 * conflicts together.
 */
export function earlyDecision(decision: ConflictDecision, source: FileFacts): ConflictDecision | null {
  if (decision.action === 'ask') return decision;
  if (decision.action === 'skip' && source.size !== null && source.mtime !== null) return decision;
  return null;
}

/** One row of a conflict request. */
export function conflictEntry(item: ItemRecord, name: string): ConflictEntry {
  const source = item.conflict?.source ?? { size: item.size, mtime: item.mtime, precision: item.mtimePrecision };
  const target = item.conflict?.target ?? { size: null, mtime: null, precision: null };
  const order = compareTimes(source, target);
  return {
    itemId: item.id,
    name,
    localPath: item.localPath,
    remotePath: item.remotePath,
    source: { size: source.size, mtime: source.mtime },
    target: { size: target.size, mtime: target.mtime },
    sourceNewer: order === null ? null : order === 1,
    sourceLarger: source.size === null || target.size === null ? null : source.size > target.size,
  };
}
