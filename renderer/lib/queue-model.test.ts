import { describe, expect, it } from 'vitest';
import type { BatchInfo, TransferItem } from '../../shared/contract/transfers';
import { baseName, batchPhase, batchRow, itemRow, queueTotals, stepPriority, tabCounts, totalsText } from './queue-model';

function batch(patch: Partial<Omit<BatchInfo, 'counts'>> & { counts?: Partial<BatchInfo['counts']> } = {}): BatchInfo {
  const { counts, ...rest } = patch;
  return {
    id: 1,
    site: 'quick:ftp:plain:u@h:21',
    direction: 'download',
    label: 'many_files',
    createdAt: 0,
    priority: 'normal',
    conflictPolicy: 'ask',
    skipIdentical: true,
    counts: { queued: 0, active: 0, paused: 0, done: 0, failed: 0, skipped: 0, cancelled: 0, ...counts },
    total: 0,
    bytesTotal: 0,
    bytesDone: 0,
    rate: 0,
    filesPerSecond: 0,
    etaSeconds: null,
    expanding: false,
    conflicts: 0,
    ...rest,
  };
}

function item(patch: Partial<TransferItem> = {}): TransferItem {
  return {
    id: 7,
    batchId: 1,
    parentId: null,
    kind: 'file',
    direction: 'download',
    site: 's',
    localPath: '/home/ann/report.pdf',
    remotePath: '/srv/report.pdf',
    size: 2_000_000,
    mtime: null,
    state: 'queued',
    bytesDone: 0,
    attempts: 0,
    lastError: null,
    priority: 'normal',
    verify: null,
    note: null,
    ...patch,
  };
}

describe('batch rows', () => {
  it('shows "4,160 / 5,000 · 490 files/s · 2 s left" while moving', () => {
    const row = batchRow(
      batch({ counts: { active: 4, queued: 836, done: 4160 }, total: 5000, filesPerSecond: 490, etaSeconds: 1.5, bytesTotal: 5000, bytesDone: 4160, rate: 1_200_000 }),
    );
    expect(row.details).toBe('4,160 / 5,000 · 490 files/s · 1.2 MB/s · 2 s left');
    expect(row.phase).toBe('active');
    expect(row.stateText).toBe('Transferring');
    expect(row.percent).toBe(83);
    expect(row.canPause).toBe(true);
    expect(row.canResume).toBe(false);
  });

  it('puts an open conflict first, then activity, then what is left', () => {
    expect(batchPhase(batch({ conflicts: 2, counts: { active: 1, paused: 2 } }))).toBe('conflict');
    expect(batchPhase(batch({ counts: { queued: 3 }, expanding: true }))).toBe('listing');
    expect(batchPhase(batch({ counts: { queued: 3 } }))).toBe('queued');
    expect(batchPhase(batch({ counts: { paused: 3, done: 1 } }))).toBe('paused');
    expect(batchPhase(batch({ counts: { failed: 1, done: 4 } }))).toBe('failed');
    expect(batchPhase(batch({ counts: { done: 4, skipped: 1 } }))).toBe('done');
    expect(batchPhase(batch({ counts: { cancelled: 4 } }))).toBe('cancelled');
  });

  it('counts failures and skips in the details once finished, without rates', () => {
    const row = batchRow(batch({ counts: { done: 3, failed: 1, skipped: 2 }, total: 6, rate: 100, filesPerSecond: 3 }));
    expect(row.details).toBe('6 / 6 · 1 failed · 2 skipped');
    expect(row.canRetry).toBe(true);
    expect(row.percent).toBe(100);
  });

  it('marks a count that can still grow while folders are listed', () => {
    expect(batchRow(batch({ counts: { active: 1, queued: 10 }, total: 11, expanding: true })).details).toMatch(/^0 \/ 11\+/);
  });
});

describe('item rows', () => {
  it('names the source, shows source → target and live progress', () => {
    const row = itemRow(item({ state: 'active' }), { id: 7, batchId: 1, bytesDone: 500_000, size: 2_000_000, rate: 250_000, etaSeconds: 6 });
    expect(row.name).toBe('report.pdf');
    expect(row.where).toBe('/srv/report.pdf → /home/ann/report.pdf');
    expect(row.percent).toBe(25);
    expect(row.bytes).toBe('500 KB / 2.0 MB');
    expect(row.details).toBe('250 KB/s · 6 s left');
  });

  it('gives the reason of a failure and the verification of a done file', () => {
    const failed = itemRow(item({ state: 'failed', attempts: 3, lastError: { code: 'NOT_FOUND', message: '550 No such file.' } }), undefined);
    expect(failed.reason).toBe('550 No such file.');
    expect(failed.stateText).toBe('Failed');
    expect(failed.details).toBe('try 3');
    const done = itemRow(item({ state: 'done', verify: 'verified', bytesDone: 2_000_000 }), undefined);
    expect(done.stateText).toBe('Done · checksum verified');
    expect(done.percent).toBe(100);
    const upload = itemRow(item({ direction: 'upload', localPath: 'C:\\Users\\ann\\a.txt', remotePath: '/a.txt' }), undefined);
    expect(upload.name).toBe('a.txt');
  });

  it('finds base names on both kinds of paths', () => {
    expect(baseName('/a/b/')).toBe('b');
    expect(baseName('C:\\x\\y.txt')).toBe('y.txt');
    expect(baseName('/')).toBe('/');
  });
});

describe('tabs and totals', () => {
  const batches = [
    batch({ counts: { active: 2, queued: 3, paused: 1, failed: 1, done: 4 }, bytesTotal: 1000, bytesDone: 400, rate: 2000 }),
    batch({ id: 2, counts: { done: 2, skipped: 1, cancelled: 1 }, bytesTotal: 50, bytesDone: 50 }),
  ];
  it('counts items per tab', () => {
    expect(tabCounts(batches)).toEqual({ pending: 6, failed: 1, finished: 8 });
  });

  it('sums what is left and says whether anything moves', () => {
    const totals = queueTotals(batches);
    expect(totals).toEqual({ pending: 6, failed: 1, bytesLeft: 600, rate: 2000, activity: 'transferring' });
    expect(totalsText(totals)).toBe('Transferring… · 6 items in the queue · 600 B left · 2.0 KB/s · 1 failed');
    expect(totalsText(queueTotals([]))).toBe('Idle');
    expect(queueTotals([batch({ counts: { paused: 2 } })]).activity).toBe('paused');
  });

  it('steps priorities up and down within their range', () => {
    expect(stepPriority('normal', 1)).toBe('high');
    expect(stepPriority('highest', 1)).toBeNull();
    expect(stepPriority('lowest', -1)).toBeNull();
    expect(stepPriority('low', -1)).toBe('lowest');
  });
});
