/**
 * One row of a file list. Memoized: scrolling, typing in the filter or moving
 * the cursor re-renders only the rows whose props changed.
 */
import { memo, type MouseEvent } from 'react';
import type { ComparisonMark } from '../../lib/compare';
import type { PaneEntry } from '../../lib/entries';
import type { Column } from './columns';
import { RenameField } from './RenameField';

/** What the list does when a row is clicked or renamed; one stable object for all rows. */
export interface RowEvents {
  click(event: MouseEvent, index: number): void;
  doubleClick(index: number): void;
  contextMenu(event: MouseEvent, index: number): void;
  renameCommit(row: PaneEntry, name: string, refocus: boolean): void;
  renameCancel(refocus: boolean): void;
}

/** A rename in progress on this row. */
export interface RowRename {
  busy: boolean;
  errorId?: string;
}

/** Props of {@link FileRow}. */
export interface FileRowProps {
  id: string;
  row: PaneEntry;
  index: number;
  /** Offset from the top of the rows, in pixels. */
  start: number;
  height: number;
  columns: readonly Column[];
  selected: boolean;
  cursor: boolean;
  mark: ComparisonMark | undefined;
  rename: RowRename | null;
  events: RowEvents;
}

/** A row. */
export const FileRow = memo(function FileRow(props: FileRowProps) {
  const { row, index, mark, rename, events } = props;
  const classes = ['file-row'];
  if (props.selected) classes.push('is-selected');
  if (row.hidden) classes.push('is-hidden');
  if (mark) classes.push(`mark--${mark.kind}`);
  return (
    <div
      id={props.id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={props.selected}
      data-cursor={props.cursor || undefined}
      // Drag and drop (components/dnd/PaneDropZone) finds rows by key and drags them to the other pane.
      data-key={row.key}
      draggable={rename ? undefined : true}
      className={classes.join(' ')}
      style={{ transform: `translateY(${props.start}px)`, height: props.height }}
      onClick={(event) => events.click(event, index)}
      onDoubleClick={() => events.doubleClick(index)}
      onContextMenu={(event) => events.contextMenu(event, index)}
    >
      {props.columns.map((column) =>
        column.id === 'name' ? (
          <div key="name" role="gridcell" className="cell cell--name" title={nameTitle(row, mark)}>
            <span className={`icon icon--${row.isFolder ? 'folder' : row.kind === 'link' ? 'link' : 'file'}`} aria-hidden="true" />
            {rename ? (
              <RenameField
                name={row.name}
                busy={rename.busy}
                {...(rename.errorId ? { errorId: rename.errorId } : {})}
                onCommit={(name, refocus) => events.renameCommit(row, name, refocus)}
                onCancel={events.renameCancel}
              />
            ) : (
              <span className="name-text">{row.name}</span>
            )}
            {mark && (
              <>
                <span className="mark-dot" aria-hidden="true" />
                <span className="visually-hidden">, {mark.text}</span>
              </>
            )}
          </div>
        ) : (
          <div key={column.id} role="gridcell" className={`cell cell--${column.id}${column.align === 'end' ? ' cell--end' : ''}`} title={column.hover?.(row)}>
            {column.text(row)}
          </div>
        ),
      )}
    </div>
  );
});

function nameTitle(row: PaneEntry, mark: ComparisonMark | undefined): string {
  const name = row.linkTarget ? `${row.name} → ${row.linkTarget}` : row.name;
  return mark ? `${name} (${mark.text})` : name;
}
