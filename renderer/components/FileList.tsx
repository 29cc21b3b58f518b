/**
 * A pane's file list: a virtualized grid, so 100,000 rows scroll smoothly,
 * with sortable column headers, folders first, mouse and keyboard selection.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { sortEntries, typeLabel, type PaneEntry, type SortColumn, type SortOrder } from '../lib/entries';
import { exactSize, friendlyDate, humanSize, isoDate } from '../lib/format';

const ROW_HEIGHT = 26;

/** Props of {@link FileList}. */
export interface FileListProps {
  label: string;
  entries: readonly PaneEntry[];
  sort: SortOrder;
  selected: ReadonlySet<string>;
  cursor: string | null;
  onSort(order: SortOrder): void;
  onSelect(keys: string[], cursor: string | null): void;
  /** Double-click or Enter on a row. */
  onOpen(entry: PaneEntry): void;
  /** Backspace: go to the parent folder. */
  onUp(): void;
}

const COLUMNS: { id: SortColumn; title: string }[] = [
  { id: 'name', title: 'Name' },
  { id: 'size', title: 'Size' },
  { id: 'type', title: 'Type' },
  { id: 'modified', title: 'Modified' },
];

/** The virtualized, sortable list of one folder. */
export function FileList(props: FileListProps) {
  const { entries, sort, selected, cursor } = props;
  const rows = useMemo(() => sortEntries(entries, sort), [entries, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]!.key,
  });
  const cursorIndex = cursor === null ? -1 : rows.findIndex((row) => row.key === cursor);

  const moveCursor = (index: number, extend: boolean): void => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    const row = rows[clamped];
    if (!row) return;
    if (extend && cursorIndex >= 0) {
      const [from, to] = cursorIndex < clamped ? [cursorIndex, clamped] : [clamped, cursorIndex];
      props.onSelect([...selected, ...rows.slice(from, to + 1).map((r) => r.key)], row.key);
    } else {
      props.onSelect([row.key], row.key);
    }
    virtualizer.scrollToIndex(clamped);
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveCursor(cursorIndex + 1, event.shiftKey),
      ArrowUp: () => moveCursor(cursorIndex - 1, event.shiftKey),
      PageDown: () => moveCursor(cursorIndex + page, event.shiftKey),
      PageUp: () => moveCursor(cursorIndex - page, event.shiftKey),
      Home: () => moveCursor(0, event.shiftKey),
      End: () => moveCursor(rows.length - 1, event.shiftKey),
      Enter: () => {
        const row = rows[cursorIndex];
        if (row) props.onOpen(row);
      },
      Backspace: () => props.onUp(),
    };
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      props.onSelect(rows.map((r) => r.key), cursor);
      return;
    }
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const onRowClick = (event: MouseEvent, row: PaneEntry, index: number): void => {
    if (event.shiftKey && cursorIndex >= 0) {
      const [from, to] = cursorIndex < index ? [cursorIndex, index] : [index, cursorIndex];
      props.onSelect(rows.slice(from, to + 1).map((r) => r.key), cursor);
    } else if (event.ctrlKey || event.metaKey) {
      const next = new Set(selected);
      if (next.has(row.key)) next.delete(row.key);
      else next.add(row.key);
      props.onSelect([...next], row.key);
    } else {
      props.onSelect([row.key], row.key);
    }
  };

  const toggleSort = (column: SortColumn): void => {
    const direction = sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc';
    props.onSort({ column, direction });
  };

  return (
    <div className="file-list" role="grid" aria-label={props.label} aria-rowcount={rows.length + 1} aria-multiselectable>
      <div className="file-list__header" role="row" aria-rowindex={1}>
        {COLUMNS.map((column) => (
          <div
            key={column.id}
            role="columnheader"
            className={`cell cell--${column.id}`}
            aria-sort={sort.column === column.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button type="button" onClick={() => toggleSort(column.id)}>
              {column.title}
              <span aria-hidden="true" className="sort-mark">
                {sort.column === column.id ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
          </div>
        ))}
      </div>
      <div className="file-list__body" ref={scroller} tabIndex={0} onKeyDown={onKeyDown} aria-label={`${props.label} rows`}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const isSelected = selected.has(row.key);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                data-cursor={row.key === cursor || undefined}
                className={`file-row${isSelected ? ' is-selected' : ''}${row.hidden ? ' is-hidden' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={(event) => onRowClick(event, row, item.index)}
                onDoubleClick={() => props.onOpen(row)}
              >
                <div role="gridcell" className="cell cell--name" title={row.linkTarget ? `${row.name} → ${row.linkTarget}` : row.name}>
                  <span className={`icon icon--${row.isFolder ? 'folder' : row.kind === 'link' ? 'link' : 'file'}`} aria-hidden="true" />
                  <span className="name-text">{row.name}</span>
                </div>
                <div role="gridcell" className="cell cell--size" title={row.size === null ? undefined : exactSize(row.size)}>
                  {row.size === null ? '' : humanSize(row.size)}
                </div>
                <div role="gridcell" className="cell cell--type">
                  {typeLabel(row)}
                </div>
                <div role="gridcell" className="cell cell--modified" title={row.mtime === null ? undefined : isoDate(row.mtime)}>
                  {row.mtime === null ? '' : friendlyDate(row.mtime)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
