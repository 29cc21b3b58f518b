/**
 * The queue as a virtualized tree grid: one row per batch, its items under it
 * when expanded. Only rows on screen exist, and only their items are fetched
 * (in blocks, see store/queue.ts), so 100,000 items scroll like ten.
 *
 * Keyboard: arrows, Home/End, PageUp/PageDown move; Right/Left expand,
 * collapse or step between a batch and its items; Enter expands; Space pauses
 * or resumes; P pauses, R retries, Delete cancels, +/- change the priority;
 * the menu key or Shift+F10 opens the context menu.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/shallow';
import { buildMenu } from '../../lib/menu';
import { countInTab } from '../../lib/queue-model';
import { layoutRows, type QueueRow } from '../../lib/queue-rows';
import { decideLater, ensureItems, setExpanded, useQueue } from '../../store/queue';
import { ContextMenu } from '../ContextMenu';
import { canRun, COMMAND_KEYS, QUEUE_MENU, run, type QueueSubject } from './queue-commands';
import { BatchRowView, ItemRowView, type QueueRowEvents } from './QueueRows';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 26;

/** Props of {@link QueueList}. */
export interface QueueListProps {
  /** The subject under the cursor changed (the toolbar acts on it). */
  onSubject(subject: QueueSubject | null): void;
}

/** The key of a row: `b:<batch>` or `i:<batch>:<index>`. */
function keyOf(row: QueueRow): string {
  return row.kind === 'batch' ? `b:${row.batchId}` : `i:${row.batchId}:${row.index}`;
}

/** The queue's tree grid. */
export function QueueList({ onSubject }: QueueListProps) {
  const { batches, tab, expanded } = useQueue(useShallow((s) => ({ batches: s.batches, tab: s.tab, expanded: s.expanded })));
  const pages = useQueue((s) => s.pages);
  const shown = useMemo(
    () => [...batches.values()].filter((b) => countInTab(b.counts, tab) > 0 || (tab === 'pending' && b.conflicts > 0)).sort((a, b) => a.id - b.id),
    [batches, tab],
  );
  const layout = useMemo(
    () => layoutRows(shown.map((b) => ({ batchId: b.id, items: expanded.has(b.id) ? countInTab(b.counts, tab) : 0 }))),
    [shown, expanded, tab],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const [cursor, setCursor] = useState<string | null>(null);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);

  const virtualizer = useVirtualizer({
    count: layout.count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The header sits at the top of the scrolled element: rows start below it.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => {
      const row = layout.rowAt(index);
      return row ? keyOf(row) : index;
    },
  });
  const virtualRows = virtualizer.getVirtualItems();

  // Fetch the items on screen: per expanded batch, the range of its rows that is visible.
  const visibleRanges = useMemo(() => {
    const ranges = new Map<number, { from: number; to: number }>();
    for (const virtual of virtualRows) {
      const row = layout.rowAt(virtual.index);
      if (row?.kind !== 'item') continue;
      const range = ranges.get(row.batchId);
      ranges.set(row.batchId, range ? { from: Math.min(range.from, row.index), to: Math.max(range.to, row.index) } : { from: row.index, to: row.index });
    }
    return ranges;
  }, [virtualRows, layout]);
  useEffect(() => {
    for (const [batchId, range] of visibleRanges) ensureItems(batchId, range.from, range.to);
  }, [visibleRanges, pages]);

  // The cursor is a row key; on an item it also remembers the item's id, so it stays on
  // that item while others leave the tab above it, and moves to its neighbour when it leaves.
  const cursorIndex = useMemo(() => {
    if (cursor === null) return -1;
    const [kind, batch, index, itemId] = cursor.split(':');
    const batchId = Number(batch);
    const batchIndex = layout.indexOfBatch(batchId);
    if (batchIndex < 0 || kind === 'b') return batchIndex;
    const items = countInTab(batches.get(batchId)!.counts, tab);
    if (!expanded.has(batchId) || items === 0) return batchIndex;
    const known = itemId === undefined ? undefined : pages.get(batchId)?.indexOf.get(Number(itemId));
    return batchIndex + 1 + Math.min(known ?? Number(index), items - 1);
  }, [cursor, layout, batches, tab, expanded, pages]);

  // An item reached before its page arrived is remembered by id once it is known.
  useEffect(() => {
    if (cursor === null || !cursor.startsWith('i:') || cursor.split(':').length > 3) return;
    const [, batch, index] = cursor.split(':');
    const item = pages.get(Number(batch))?.items.get(Number(index));
    if (item) setCursor(`${cursor}:${item.id}`);
  }, [cursor, pages]);

  /** Puts the cursor on a row, remembering the item there, if it is known. */
  const pointAt = (rowKey: string): void => {
    const [kind, batch, index] = rowKey.split(':');
    const item = kind === 'i' ? useQueue.getState().pages.get(Number(batch))?.items.get(Number(index)) : undefined;
    setCursor(item ? `${rowKey}:${item.id}` : rowKey);
  };

  // The batch or item under the cursor: a new object only when that batch or item changed.
  const cursorRow = cursorIndex >= 0 ? layout.rowAt(cursorIndex) : null;
  const cursorBatch = cursorRow?.kind === 'batch' ? batches.get(cursorRow.batchId) : undefined;
  const cursorItem = cursorRow?.kind === 'item' ? pages.get(cursorRow.batchId)?.items.get(cursorRow.index) : undefined;
  const subject = useMemo<QueueSubject | null>(
    () => (cursorBatch ? { kind: 'batch', batch: cursorBatch } : cursorItem ? { kind: 'item', item: cursorItem } : null),
    [cursorBatch, cursorItem],
  );
  useEffect(() => onSubject(subject), [subject, onSubject]);

  const moveTo = (index: number): void => {
    const clamped = Math.max(0, Math.min(layout.count - 1, index));
    const row = layout.rowAt(clamped);
    if (!row) return;
    pointAt(keyOf(row));
    virtualizer.scrollToIndex(clamped);
  };

  const latest = useRef({ layout, expanded });
  latest.current = { layout, expanded };
  const events = useMemo<QueueRowEvents>(
    () => ({
      select: (rowKey) => {
        pointAt(rowKey);
        scroller.current?.focus({ preventScroll: true });
      },
      toggle: (batchId) => setExpanded(batchId, !latest.current.expanded.has(batchId)),
      contextMenu: (event: MouseEvent, rowKey) => {
        event.preventDefault();
        event.stopPropagation();
        pointAt(rowKey);
        setMenuAt({ x: event.clientX, y: event.clientY });
      },
      resolve: (batchId) => decideLater(batchId, false),
    }),
    [],
  );

  const onKeyDown = (event: KeyboardEvent): void => {
    const row = cursorIndex >= 0 ? layout.rowAt(cursorIndex) : null;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 200) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(cursorIndex + 1),
      ArrowUp: () => moveTo(cursorIndex < 0 ? 0 : cursorIndex - 1),
      PageDown: () => moveTo(cursorIndex + page),
      PageUp: () => moveTo(cursorIndex - page),
      Home: () => moveTo(0),
      End: () => moveTo(layout.count - 1),
      ArrowRight: () => {
        if (row?.kind !== 'batch') return;
        if (!expanded.has(row.batchId)) setExpanded(row.batchId, true);
        else moveTo(cursorIndex + 1);
      },
      ArrowLeft: () => {
        if (row?.kind === 'batch') setExpanded(row.batchId, false);
        else if (row) moveTo(layout.indexOfBatch(row.batchId));
      },
      Enter: () => row?.kind === 'batch' && setExpanded(row.batchId, !expanded.has(row.batchId)),
      ' ': () => run(subject, canRun(subject, 'resume') ? 'resume' : 'pause'),
      ContextMenu: () => openMenuAtCursor(),
    };
    const action = event.shiftKey && event.key === 'F10' ? openMenuAtCursor : keys[event.key];
    const command = event.ctrlKey || event.metaKey || event.altKey ? undefined : COMMAND_KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (action) action();
    else if (command) run(subject, command);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const openMenuAtCursor = (): void => {
    const element = cursorIndex >= 0 ? document.getElementById(`${baseId}-row-${cursorIndex}`) : null;
    const box = (element ?? scroller.current)?.getBoundingClientRect();
    if (box) setMenuAt({ x: box.left + 40, y: element ? box.bottom : box.top + 10 });
  };

  const cursorRendered = cursorIndex >= 0 && virtualRows.some((v) => v.index === cursorIndex);
  return (
    <>
      <div
        ref={scroller}
        className="queue-list"
        role="treegrid"
        aria-label="Transfer queue"
        aria-rowcount={layout.count + 1}
        aria-activedescendant={cursorRendered ? `${baseId}-row-${cursorIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => cursorIndex < 0 && layout.count > 0 && moveTo(0)}
        onContextMenu={(event) => {
          event.preventDefault();
          setMenuAt({ x: event.clientX, y: event.clientY });
        }}
      >
        <div role="row" className="queue-row queue-row--header" aria-rowindex={1}>
          <div role="columnheader" className="queue-cell queue-cell--name">
            Name
          </div>
          <div role="columnheader" className="queue-cell queue-cell--progress">
            Progress
          </div>
          <div role="columnheader" className="queue-cell queue-cell--bytes">
            Size
          </div>
          <div role="columnheader" className="queue-cell queue-cell--details">
            Details
          </div>
          <div role="columnheader" className="queue-cell queue-cell--state">
            Status
          </div>
          <div role="columnheader" className="queue-cell queue-cell--priority">
            Priority
          </div>
        </div>
        <div className="queue-list__rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualRows.map((virtual) => {
            const row = layout.rowAt(virtual.index);
            if (!row) return null;
            const rowKey = keyOf(row);
            const frame = {
              id: `${baseId}-row-${virtual.index}`,
              rowKey,
              start: virtual.start - HEADER_HEIGHT,
              height: ROW_HEIGHT,
              selected: virtual.index === cursorIndex,
              events,
            };
            return row.kind === 'batch' ? (
              <BatchRowView
                key={virtual.key}
                {...frame}
                batchId={row.batchId}
                expanded={expanded.has(row.batchId)}
                position={shown.findIndex((b) => b.id === row.batchId) + 1}
                siblings={shown.length}
              />
            ) : (
              <ItemRowView
                key={virtual.key}
                {...frame}
                batchId={row.batchId}
                index={row.index}
                siblings={countInTab(batches.get(row.batchId)!.counts, tab)}
              />
            );
          })}
        </div>
        {layout.count === 0 && <p className="queue__empty">{EMPTY_TEXT[tab]}</p>}
      </div>
      {menuAt && (
        <ContextMenu
          label="Transfer actions"
          items={buildMenu(QUEUE_MENU, subject)}
          at={menuAt}
          onClose={() => {
            setMenuAt(null);
            scroller.current?.focus({ preventScroll: true });
          }}
        />
      )}
    </>
  );
}

const EMPTY_TEXT = {
  pending: 'No transfers waiting. Double-click a file, drag it to the other side, or drop files from your computer onto the server pane.',
  failed: 'No failed transfers.',
  finished: 'No finished transfers.',
};
