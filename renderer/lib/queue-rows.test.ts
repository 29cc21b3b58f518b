import { describe, expect, it } from 'vitest';
import { blocksFor, layoutRows } from './queue-rows';

describe('queue row layout', () => {
  const layout = layoutRows([
    { batchId: 10, items: 0 },
    { batchId: 11, items: 3 },
    { batchId: 12, items: 0 },
  ]);

  it('puts each expanded batch\'s items right under it', () => {
    expect(layout.count).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((i) => layout.rowAt(i))).toEqual([
      { kind: 'batch', batchId: 10 },
      { kind: 'batch', batchId: 11 },
      { kind: 'item', batchId: 11, index: 0 },
      { kind: 'item', batchId: 11, index: 1 },
      { kind: 'item', batchId: 11, index: 2 },
      { kind: 'batch', batchId: 12 },
    ]);
    expect(layout.rowAt(6)).toBeNull();
    expect(layout.rowAt(-1)).toBeNull();
    expect(layout.indexOfBatch(12)).toBe(5);
    expect(layout.indexOfBatch(99)).toBe(-1);
  });

  it('answers for 100,000 items without building them', () => {
    const big = layoutRows([
      { batchId: 1, items: 100_000 },
      { batchId: 2, items: 0 },
    ]);
    expect(big.count).toBe(100_002);
    expect(big.rowAt(100_000)).toEqual({ kind: 'item', batchId: 1, index: 99_999 });
    expect(big.rowAt(100_001)).toEqual({ kind: 'batch', batchId: 2 });
  });

  it('is empty without batches', () => {
    expect(layoutRows([]).count).toBe(0);
    expect(layoutRows([]).rowAt(0)).toBeNull();
  });

  it('fetches the blocks that cover the rows on screen', () => {
    expect(blocksFor(0, 0)).toEqual([0]);
    expect(blocksFor(95, 230)).toEqual([0, 1, 2]);
    expect(blocksFor(5, 2)).toEqual([]);
    expect(blocksFor(-10, 5)).toEqual([0]);
  });
});
