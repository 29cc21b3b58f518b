/**
 * The queue list's rows without building them: batch rows, each followed by
 * its items when expanded. A batch of 100,000 items is one number here, so
 * the virtualized list asks "what is row i?" and nothing is ever allocated
 * per item that is not on screen.
 */

/** One visible row: a batch, or the `index`-th item of an expanded batch (in the tab's order). */
export type QueueRow = { kind: 'batch'; batchId: number } | { kind: 'item'; batchId: number; index: number };

/** A batch in list order and how many item rows it shows (0 when collapsed). */
export interface BatchSpan {
  batchId: number;
  items: number;
}

/** The rows of a list of batches. */
export interface QueueRowLayout {
  count: number;
  rowAt(index: number): QueueRow | null;
  /** The row index of a batch, or -1. */
  indexOfBatch(batchId: number): number;
}

/** Lays out `spans` (in order) as rows. */
export function layoutRows(spans: readonly BatchSpan[]): QueueRowLayout {
  // starts[i]: the row index of batch i; the last entry is the total.
  const starts = new Array<number>(spans.length + 1);
  let next = 0;
  spans.forEach((span, i) => {
    starts[i] = next;
    next += 1 + Math.max(0, span.items);
  });
  starts[spans.length] = next;
  const byId = new Map(spans.map((span, i) => [span.batchId, i]));
  return {
    count: next,
    rowAt(index) {
      if (!Number.isInteger(index) || index < 0 || index >= next) return null;
      // The last batch whose start is <= index (binary search).
      let low = 0;
      let high = spans.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle]! <= index) low = middle;
        else high = middle - 1;
      }
      const span = spans[low]!;
      const offset = index - starts[low]!;
      return offset === 0 ? { kind: 'batch', batchId: span.batchId } : { kind: 'item', batchId: span.batchId, index: offset - 1 };
    },
    indexOfBatch(batchId) {
      const i = byId.get(batchId);
      return i === undefined ? -1 : starts[i]!;
    },
  };
}

/** Items are fetched in blocks of this many (the engine allows up to 500 per page). */
export const ITEM_BLOCK = 100;

/** The blocks covering item indexes `from`…`to` (inclusive). */
export function blocksFor(from: number, to: number, block = ITEM_BLOCK): number[] {
  if (to < from || to < 0) return [];
  const first = Math.floor(Math.max(0, from) / block);
  const last = Math.floor(to / block);
  const blocks: number[] = [];
  for (let b = first; b <= last; b++) blocks.push(b);
  return blocks;
}
