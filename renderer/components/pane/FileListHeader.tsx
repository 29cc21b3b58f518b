/** The header row of a file list: one sort button per column. */
import { memo } from 'react';
import type { SortColumn, SortOrder } from '../../lib/entries';
import type { Column } from './columns';

/** Props of {@link FileListHeader}. */
export interface FileListHeaderProps {
  columns: readonly Column[];
  sort: SortOrder;
  onSort(order: SortOrder): void;
}

/** Sortable column headers; clicking the sorted column again reverses it. */
export const FileListHeader = memo(function FileListHeader({ columns, sort, onSort }: FileListHeaderProps) {
  const toggle = (column: SortColumn): void => {
    const direction = sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc';
    onSort({ column, direction });
  };
  return (
    <div className="file-list__header" role="row" aria-rowindex={1}>
      {columns.map((column) => (
        <div
          key={column.id}
          role="columnheader"
          className={`cell cell--${column.id}${column.align === 'end' ? ' cell--end' : ''}`}
          aria-sort={sort.column === column.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
        >
          <button type="button" onClick={() => toggle(column.id)}>
            {column.title}
            <span aria-hidden="true" className="sort-mark">
              {sort.column === column.id ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
            </span>
          </button>
        </div>
      ))}
    </div>
  );
});
