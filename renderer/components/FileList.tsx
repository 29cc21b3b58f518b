/**
 * A pane's file list: a virtualized, focusable grid (100,000 rows scroll
 * smoothly), with sortable headers, mouse and keyboard selection, rename in
 * place and the context menu's trigger. The rows come sorted and filtered.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, type CSSProperties, type MouseEvent, type Ref } from 'react';
import type { ComparisonMark } from '../lib/compare';
import type { PaneEntry, SortOrder } from '../lib/entries';
import { rangeKeys, toggleKey } from '../lib/selection';
import { gridTemplate, minRowWidth, type Column, type ColumnWidths } from './pane/columns';
import { FileListHeader } from './pane/FileListHeader';
import { FileRow, type RowEvents } from './pane/FileRow';
import { useListKeyboard, type ListCommand } from './pane/useListKeyboard';

const ROW_HEIGHT = 26;
const NO_WIDTHS: ColumnWidths = {};
const ignoreResize = (): void => {};
const HEADER_HEIGHT = 27;

/** A rename in progress. */
export interface RenameState {
  key: string;
  busy: boolean;
  /** The id of the element saying why the last attempt failed. */
  errorId?: string;
}

/** Props of {@link FileList}. */
export interface FileListProps {
  label: string;
  /** What to show, already sorted and filtered. */
  rows: readonly PaneEntry[];
  columns: readonly Column[];
  /** Column widths the user set by dragging (by column id). */
  widths?: ColumnWidths;
  sort: SortOrder;
  selected: ReadonlySet<string>;
  cursor: string | null;
  /** Directory comparison marks by key, when comparing. */
  marks: ReadonlyMap<string, ComparisonMark> | null;
  renaming: RenameState | null;
  /** The grid element, so the pane can give it focus back. */
  gridRef?: Ref<HTMLDivElement>;
  onSort(order: SortOrder): void;
  /** A column's handle was dragged (`null`: back to its default width). */
  onResizeColumn?(column: string, width: number | null): void;
  onSelect(keys: string[], cursor: string | null): void;
  /** Double-click or Enter on a row. */
  onOpen(entry: PaneEntry): void;
  onCommand(command: Exclude<ListCommand, 'menu'>): void;
  /** Right-click or the menu key: show the menu at this point of the window. */
  onContextMenu(at: { x: number; y: number }): void;
  /** `refocus`: finished by a key, so the list takes focus back. */
  onRenameCommit(entry: PaneEntry, name: string, refocus: boolean): void;
  onRenameCancel(refocus: boolean): void;
}

/** The virtualized, sortable list of one folder. */
export function FileList(props: FileListProps) {
  const { rows, columns, sort, selected, cursor, marks, renaming } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const anchor = useRef<string | null>(null);
  const baseId = useId();
  const rowId = (index: number): string => `${baseId}-row-${index}`;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]!.key,
    // The header sits at the top of the scrolled element: rows start below it, and
    // scrolling a row into view must not leave it under the sticky header.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const cursorIndex = useMemo(() => (cursor === null ? -1 : rows.findIndex((row) => row.key === cursor)), [rows, cursor]);

  // Keep the cursor row in view when it moves for any reason (keys, a new folder selected after creating it).
  useEffect(() => {
    if (cursorIndex >= 0) virtualizer.scrollToIndex(cursorIndex);
  }, [cursorIndex, virtualizer]);

  const showMenu = (): void => {
    const grid = scroller.current;
    const row = cursorIndex >= 0 ? document.getElementById(rowId(cursorIndex)) : null;
    const box = (row ?? grid)?.getBoundingClientRect();
    if (box) props.onContextMenu({ x: box.left + 24, y: row ? box.bottom : box.top + HEADER_HEIGHT });
  };

  const onKeyDown = useListKeyboard({
    rows,
    selected,
    cursorIndex,
    anchor,
    pageSize: () => Math.max(1, Math.floor(((scroller.current?.clientHeight ?? 300) - HEADER_HEIGHT) / ROW_HEIGHT) - 1),
    select: props.onSelect,
    scrollTo: (index) => virtualizer.scrollToIndex(index),
    open: props.onOpen,
    command: (command) => (command === 'menu' ? showMenu() : props.onCommand(command)),
  });

  // One stable object for every row, reading the latest props through a ref, so memoized rows stay put.
  const latest = useRef({ props, cursorIndex });
  latest.current = { props, cursorIndex };
  const events = useMemo<RowEvents>(
    () => ({
      click(event, index) {
        const { props: p, cursorIndex: current } = latest.current;
        const row = p.rows[index]!;
        if (event.shiftKey) {
          const from = p.rows.findIndex((r) => r.key === anchor.current);
          p.onSelect(rangeKeys(p.rows, from >= 0 ? from : Math.max(0, current), index), row.key);
        } else if (event.ctrlKey || event.metaKey) {
          anchor.current = row.key;
          p.onSelect(toggleKey(p.selected, row.key), row.key);
        } else {
          anchor.current = row.key;
          p.onSelect([row.key], row.key);
        }
      },
      doubleClick(index) {
        const row = latest.current.props.rows[index];
        if (row) latest.current.props.onOpen(row);
      },
      contextMenu(event, index) {
        event.preventDefault();
        event.stopPropagation();
        const p = latest.current.props;
        const row = p.rows[index]!;
        // As in every file manager: a right-click outside the selection selects just that row.
        if (!p.selected.has(row.key)) {
          anchor.current = row.key;
          p.onSelect([row.key], row.key);
        } else {
          p.onSelect([...p.selected], row.key);
        }
        p.onContextMenu({ x: event.clientX, y: event.clientY });
      },
      renameCommit: (row, name, refocus) => latest.current.props.onRenameCommit(row, name, refocus),
      renameCancel: (refocus) => latest.current.props.onRenameCancel(refocus),
    }),
    [],
  );

  const onBackgroundClick = (event: MouseEvent): void => {
    if (event.target === event.currentTarget || (event.target as HTMLElement).dataset.listBackground !== undefined) {
      props.onSelect([], null);
    }
  };
  const onBackgroundMenu = (event: MouseEvent): void => {
    event.preventDefault();
    props.onSelect([], null);
    props.onContextMenu({ x: event.clientX, y: event.clientY });
  };

  const layout = {
    '--file-columns': gridTemplate(columns, props.widths),
    '--file-min-width': `${minRowWidth(columns, props.widths)}px`,
  } as CSSProperties;
  const cursorRendered = cursorIndex >= 0 && virtualizer.getVirtualItems().some((item) => item.index === cursorIndex);

  return (
    <div
      ref={(element) => {
        scroller.current = element;
        if (typeof props.gridRef === 'function') props.gridRef(element);
        else if (props.gridRef) props.gridRef.current = element;
      }}
      className="file-list"
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      aria-activedescendant={cursorRendered ? rowId(cursorIndex) : undefined}
      tabIndex={0}
      style={layout}
      onKeyDown={onKeyDown}
      onClick={onBackgroundClick}
      onContextMenu={onBackgroundMenu}
    >
      <FileListHeader columns={columns} sort={sort} widths={props.widths ?? NO_WIDTHS} onSort={props.onSort} onResize={props.onResizeColumn ?? ignoreResize} />
      <div className="file-list__rows" data-list-background="" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <FileRow
              key={item.key}
              id={rowId(item.index)}
              row={row}
              index={item.index}
              start={item.start - HEADER_HEIGHT}
              height={ROW_HEIGHT}
              columns={columns}
              selected={selected.has(row.key)}
              cursor={row.key === cursor}
              mark={marks?.get(row.key)}
              rename={renaming?.key === row.key ? renaming : null}
              events={events}
            />
          );
        })}
      </div>
    </div>
  );
}
