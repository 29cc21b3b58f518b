/** The header row of a file list: one sort button per column, and a resize handle on each column's right edge. */
import { memo } from 'react';
import type { SortColumn, SortOrder } from '../../lib/entries';
import { LIMITS } from '../../store/layout';
import { Splitter } from '../Splitter';
import { narrowest, type Column, type ColumnWidths } from './columns';

/** Props of {@link FileListHeader}. */
export interface FileListHeaderProps {
  columns: readonly Column[];
  sort: SortOrder;
  /** Widths the user set, by column id. */
  widths: ColumnWidths;
  onSort(order: SortOrder): void;
  /** A new width in pixels for a column, or `null` to go back to its default. */
  onResize(column: string, width: number | null): void;
}

/** Sortable column headers; clicking the sorted column again reverses it. */
export const FileListHeader = memo(function FileListHeader({ columns, sort, widths, onSort, onResize }: FileListHeaderProps) {
  const toggle = (column: SortColumn): void => {
    const direction = sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc';
    onSort({ column, direction });
  };
  return (
    <div className="file-list__header" role="row" aria-rowindex={1}>
      {columns.map((column) => {
        const width = widths[column.id];
        return (
          <div
            key={column.id}
            role="columnheader"
            // Named by its title alone, not also by the resize handle inside it.
            aria-label={column.title}
            className={`cell cell--${column.id}${column.align === 'end' ? ' cell--end' : ''}`}
            aria-sort={sort.column === column.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button type="button" onClick={() => toggle(column.id)}>
              {column.title}
              <span aria-hidden="true" className="sort-mark">
                {sort.column === column.id ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
            <Splitter
              label={`Resize the ${column.title} column`}
              orientation="vertical"
              className="column-resizer"
              value={width ?? column.min}
              min={narrowest(column)}
              max={LIMITS.column.max}
              valueText={`${width ?? column.min} pixels${width === undefined ? ' (default)' : ''}`}
              step={10}
              increaseWith="ArrowRight"
              // The column's width as shown (a flexible name column has no number of its own).
              current={(handle) => Math.round(handle.parentElement?.getBoundingClientRect().width ?? width ?? column.min)}
              onDrag={(pixels, start) => onResize(column.id, Math.max(narrowest(column), start + pixels))}
              onChange={(value) => onResize(column.id, value)}
              onReset={() => onResize(column.id, null)}
            />
          </div>
        );
      })}
    </div>
  );
});
