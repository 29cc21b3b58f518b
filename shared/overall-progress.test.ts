import { describe, expect, it } from 'vitest';
import type { BatchInfo } from './contract/transfers';
import { isNotableRun, OverallProgress } from './overall-progress';

function batch(id: number, counts: Partial<BatchInfo['counts']>, bytesDone: number, bytesTotal: number, total = 30): BatchInfo {
  return {
    id,
    site: 's',
    direction: 'download',
    label: 'b',
    createdAt: 0,
    priority: 'normal',
    conflictPolicy: 'ask',
    skipIdentical: true,
    counts: { queued: 0, active: 0, paused: 0, done: 0, failed: 0, skipped: 0, cancelled: 0, ...counts },
    total,
    bytesTotal,
    bytesDone,
    rate: 0,
    filesPerSecond: 0,
    etaSeconds: null,
    expanding: false,
    conflicts: 0,
  } as BatchInfo;
}

describe('OverallProgress', () => {
  it('reports the percentage while busy and one finished run when idle', () => {
    const progress = new OverallProgress();
    expect(progress.apply([batch(1, { queued: 30 }, 0, 1000)], [], 0)).toEqual({ percent: 0, finished: null });
    expect(progress.apply([batch(1, { queued: 18, active: 1, done: 11 }, 370, 1000)], [], 5000).percent).toBe(37);
    const end = progress.apply([batch(1, { done: 29, failed: 1 }, 1000, 1000)], [], 12_000);
    expect(end).toEqual({ percent: null, finished: { files: 29, seconds: 12, failed: 1 } });
    expect(isNotableRun(end.finished!)).toBe(true);
    expect(progress.apply([], [], 13_000)).toEqual({ percent: null, finished: null });
  });

  it('counts files when sizes are unknown, and paused-only work is not busy', () => {
    const progress = new OverallProgress();
    expect(progress.replace([batch(2, { queued: 3, done: 1 }, 0, 0, 4)], 0).percent).toBe(25);
    const paused = progress.replace([batch(2, { paused: 3, done: 1 }, 0, 0, 4)], 1000);
    expect(paused.percent).toBeNull();
    expect(isNotableRun(paused.finished!)).toBe(false);
  });
});
