/**
 * The queue list's rows: a batch (expandable, with its own progress and
 * counts line) and one item of an expanded batch. Memoized; each row reads
 * only its own batch, item and progress from the store.
 */
import { memo, type MouseEvent } from 'react';
import { batchRow, itemRow, priorityText } from '../../lib/queue-model';
import { useQueue } from '../../store/queue';
import { ProgressBar } from './ProgressBar';

/** What a row reports to the list. */
export interface QueueRowEvents {
  /** A click selects the row (and moves the keyboard cursor to it). */
  select(rowKey: string): void;
  /** The expander or a double-click on a batch. */
  toggle(batchId: number): void;
  contextMenu(event: MouseEvent, rowKey: string): void;
  /** The "Resolve…" button of a batch with open conflicts. */
  resolve(batchId: number): void;
}

/** Props shared by both kinds of row. */
interface RowFrame {
  id: string;
  rowKey: string;
  /** Offset from the top of the rows, in pixels. */
  start: number;
  height: number;
  selected: boolean;
  events: QueueRowEvents;
}

/** A batch row. */
export const BatchRowView = memo(function BatchRowView(props: RowFrame & { batchId: number; expanded: boolean; position: number; siblings: number }) {
  const batch = useQueue((s) => s.batches.get(props.batchId));
  if (!batch) return null;
  const row = batchRow(batch);
  const { events, rowKey } = props;
  return (
    <div
      id={props.id}
      role="row"
      aria-level={1}
      aria-expanded={props.expanded}
      aria-selected={props.selected}
      aria-posinset={props.position}
      aria-setsize={props.siblings}
      className={`queue-row queue-row--batch phase--${row.phase}${props.selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${props.start}px)`, height: props.height }}
      onClick={() => events.select(rowKey)}
      onDoubleClick={() => events.toggle(row.id)}
      onContextMenu={(event) => events.contextMenu(event, rowKey)}
    >
      <div role="gridcell" className="queue-cell queue-cell--name">
        <button
          type="button"
          tabIndex={-1}
          className="queue-expander"
          aria-label={props.expanded ? `Collapse ${row.label}` : `Expand ${row.label}`}
          onClick={(event) => {
            event.stopPropagation();
            events.select(rowKey);
            events.toggle(row.id);
          }}
        >
          {props.expanded ? '▾' : '▸'}
        </button>
        <DirectionIcon direction={row.direction} />
        <span className="queue-name" title={row.label}>
          {row.label}
        </span>
      </div>
      <div role="gridcell" className="queue-cell queue-cell--progress">
        <ProgressBar percent={row.percent} label={`Progress of ${row.label}`} tone={row.phase} />
      </div>
      <div role="gridcell" className="queue-cell queue-cell--bytes">
        {row.bytes}
      </div>
      <div role="gridcell" className="queue-cell queue-cell--details" title={row.details}>
        {row.details}
      </div>
      <div role="gridcell" className="queue-cell queue-cell--state">
        {row.conflicts > 0 ? (
          <button
            type="button"
            tabIndex={-1}
            className="queue-resolve"
            onClick={(event) => {
              event.stopPropagation();
              events.resolve(row.id);
            }}
          >
            Resolve {row.conflicts.toLocaleString('en-US')}…
          </button>
        ) : (
          row.stateText
        )}
      </div>
      <div role="gridcell" className="queue-cell queue-cell--priority">
        {priorityText(row.priority)}
      </div>
    </div>
  );
});

/** An item row; a placeholder until its page arrives. */
export const ItemRowView = memo(function ItemRowView(props: RowFrame & { batchId: number; index: number; siblings: number }) {
  const item = useQueue((s) => s.pages.get(props.batchId)?.items.get(props.index));
  const progress = useQueue((s) => (item ? s.progress.get(item.id) : undefined));
  const frame = {
    id: props.id,
    role: 'row',
    'aria-level': 2,
    'aria-selected': props.selected,
    'aria-posinset': props.index + 1,
    'aria-setsize': props.siblings,
    style: { transform: `translateY(${props.start}px)`, height: props.height },
    onClick: () => props.events.select(props.rowKey),
    onContextMenu: (event: MouseEvent) => props.events.contextMenu(event, props.rowKey),
  };
  if (!item) {
    return (
      <div {...frame} className="queue-row queue-row--item is-loading" aria-busy="true">
        <div role="gridcell" className="queue-cell queue-cell--name">
          <span className="queue-name">Loading…</span>
        </div>
      </div>
    );
  }
  const row = itemRow(item, progress);
  return (
    <div {...frame} className={`queue-row queue-row--item state--${row.state}${props.selected ? ' is-selected' : ''}`}>
      <div role="gridcell" className="queue-cell queue-cell--name">
        <span className={`icon icon--${row.kind === 'dir' ? 'folder' : 'file'}`} aria-hidden="true" />
        <span className="queue-name" title={row.name}>
          {row.name}
        </span>
      </div>
      <div role="gridcell" className="queue-cell queue-cell--progress">
        <ProgressBar percent={row.percent} label={`Progress of ${row.name}`} tone={row.state} />
      </div>
      <div role="gridcell" className="queue-cell queue-cell--bytes">
        {row.bytes}
      </div>
      <div role="gridcell" className="queue-cell queue-cell--details" title={row.reason ? `${row.reason}\n${row.where}` : row.where}>
        {/* Why it failed (or was skipped, or waits) comes first: it is what the user needs to read. */}
        {row.reason && <span className={row.state === 'failed' ? 'queue-reason' : 'queue-note'}>{row.reason} · </span>}
        <span className="queue-where">{row.where}</span>
        {row.details && <span className="queue-live"> · {row.details}</span>}
      </div>
      <div role="gridcell" className="queue-cell queue-cell--state" title={row.stateText}>
        {row.stateText}
      </div>
      <div role="gridcell" className="queue-cell queue-cell--priority">
        {priorityText(row.priority)}
      </div>
    </div>
  );
});

/** ↓ for downloads, ↑ for uploads, with the word for screen readers. */
function DirectionIcon({ direction }: { direction: 'download' | 'upload' }) {
  return (
    <span className={`queue-direction queue-direction--${direction}`} title={direction === 'download' ? 'Download' : 'Upload'}>
      <span aria-hidden="true">{direction === 'download' ? '↓' : '↑'}</span>
      <span className="visually-hidden">{direction === 'download' ? 'Download' : 'Upload'}</span>
    </span>
  );
}
