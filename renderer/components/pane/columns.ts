/**
 * The columns a file list can show. The local pane shows name, size, type and
 * modified; the remote pane adds permissions and owner/group, as FileZilla.
 */
import { typeLabel, type PaneEntry, type SortColumn } from '../../lib/entries';
import { exactSize, friendlyDate, humanSize, isoDate } from '../../lib/format';

/** One column: its header, width, and what a row shows in it. */
export interface Column {
  id: SortColumn;
  title: string;
  /** A CSS grid track size. */
  width: string;
  /** The narrowest it gets, in pixels (beyond that the list scrolls sideways). */
  min: number;
  /** The cell's text. */
  text(row: PaneEntry): string;
  /** The exact value on hover, where the cell shows a rounded one. */
  hover?(row: PaneEntry): string | undefined;
  align?: 'end';
}

const name: Column = { id: 'name', title: 'Name', width: 'minmax(140px, 1fr)', min: 140, text: (row) => row.name };
const size: Column = {
  id: 'size',
  title: 'Size',
  width: '78px',
  min: 78,
  align: 'end',
  text: (row) => (row.size === null ? '' : humanSize(row.size)),
  hover: (row) => (row.size === null ? undefined : exactSize(row.size)),
};
const type: Column = { id: 'type', title: 'Type', width: '92px', min: 92, text: typeLabel };
const modified: Column = {
  id: 'modified',
  title: 'Modified',
  width: '118px',
  min: 118,
  text: (row) => (row.mtime === null ? '' : friendlyDate(row.mtime)),
  hover: (row) => (row.mtime === null ? undefined : isoDate(row.mtime)),
};
const permissions: Column = {
  id: 'permissions',
  title: 'Permissions',
  width: '92px',
  min: 92,
  text: (row) => row.permissions ?? '',
};
const owner: Column = { id: 'owner', title: 'Owner/Group', width: '104px', min: 104, text: (row) => row.owner ?? '' };

/** The local pane's columns. */
export const LOCAL_COLUMNS: readonly Column[] = [name, size, type, modified];
/** The remote pane's columns. */
export const REMOTE_COLUMNS: readonly Column[] = [name, size, type, modified, permissions, owner];

/** Column widths the user set by dragging, in pixels, by column id. */
export type ColumnWidths = Readonly<Record<string, number>>;

/** The narrowest a column may be dragged to: its own minimum, but never under 40 px. */
export function narrowest(column: Column): number {
  return Math.max(40, Math.min(column.min, 60));
}

/** The narrowest the whole row gets, in pixels. */
export function minRowWidth(columns: readonly Column[], widths: ColumnWidths = {}): number {
  return columns.reduce((sum, c) => sum + (widths[c.id] ?? c.min), 0);
}

/**
 * The grid template shared by the header and every row. A width the user set
 * replaces the column's own; when the name column has one, an empty last
 * track takes up the rest of the row.
 */
export function gridTemplate(columns: readonly Column[], widths: ColumnWidths = {}): string {
  const tracks = columns.map((c) => (widths[c.id] === undefined ? c.width : `${widths[c.id]}px`));
  return widths.name === undefined ? tracks.join(' ') : `${tracks.join(' ')} minmax(0, 1fr)`;
}
