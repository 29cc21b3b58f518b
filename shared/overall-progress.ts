/**
 * The queue's overall progress as one number, and when a long run of
 * transfers has just finished: shared by the window title (renderer) and the
 * taskbar progress and notification (Electron's main process).
 */
import type { BatchInfo } from './contract/transfers';

/** A run of transfers that just ended. */
export interface FinishedRun {
  /** Files transferred during the run. */
  files: number;
  seconds: number;
  failed: number;
}

/** A run worth telling the user about when they are looking elsewhere (more than ~20 files, or 30 s). */
export function isNotableRun(run: FinishedRun): boolean {
  return run.files > 20 || run.seconds >= 30;
}

const pending = (b: BatchInfo): number => b.counts.queued + b.counts.active + b.counts.paused;

/** Follows the batches (whole or by changes) and reports the overall percentage and finished runs. */
export class OverallProgress {
  private readonly batches = new Map<number, BatchInfo>();
  private run: { startedAt: number; doneAtStart: number; failedAtStart: number } | null = null;

  /** Applies changed batches and removed ids; returns what {@link state} returns. */
  apply(changed: Iterable<BatchInfo>, removed: Iterable<number> = [], now = Date.now()): { percent: number | null; finished: FinishedRun | null } {
    for (const batch of changed) this.batches.set(batch.id, batch);
    for (const id of removed) this.batches.delete(id);
    return this.state(now);
  }

  /** Replaces every batch (the renderer's store holds them all). */
  replace(all: Iterable<BatchInfo>, now = Date.now()): { percent: number | null; finished: FinishedRun | null } {
    this.batches.clear();
    return this.apply(all, [], now);
  }

  /**
   * `percent`: 0–100 over the batches with work left (by bytes, or by files
   * when sizes are unknown), `null` when nothing is waiting or moving.
   * `finished`: set once, when the queue went from busy to idle.
   */
  private state(now: number): { percent: number | null; finished: FinishedRun | null } {
    let bytesDone = 0;
    let bytesTotal = 0;
    let filesDone = 0;
    let filesTotal = 0;
    let busy = false;
    let done = 0;
    let failed = 0;
    for (const batch of this.batches.values()) {
      done += batch.counts.done;
      failed += batch.counts.failed;
      if (batch.counts.queued + batch.counts.active === 0) continue;
      busy = true;
      bytesDone += batch.bytesDone;
      bytesTotal += batch.bytesTotal;
      filesDone += batch.total - pending(batch);
      filesTotal += batch.total;
    }
    if (busy) {
      this.run ??= { startedAt: now, doneAtStart: done, failedAtStart: failed };
      const fraction = bytesTotal > 0 ? bytesDone / bytesTotal : filesTotal > 0 ? filesDone / filesTotal : 0;
      return { percent: Math.min(100, Math.max(0, Math.floor(fraction * 100))), finished: null };
    }
    const run = this.run;
    this.run = null;
    if (!run) return { percent: null, finished: null };
    return {
      percent: null,
      finished: {
        files: Math.max(0, done - run.doneAtStart),
        seconds: (now - run.startedAt) / 1000,
        failed: Math.max(0, failed - run.failedAtStart),
      },
    };
  }
}
