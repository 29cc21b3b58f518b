/**
 * The drag in progress between the panes, and the hint shown while dragging.
 * A page cannot read a drag's data until the drop, so what is dragged from a
 * pane is kept here from `dragstart` to `dragend`.
 */
import { create } from 'zustand';
import type { PaneEntry } from '../../lib/entries';

/** Entries dragged out of a pane. */
export interface PaneDrag {
  from: 'Local' | 'Remote';
  /** The remote pane's session, for drags from the server. */
  sessionId: string | null;
  entries: readonly PaneEntry[];
}

/** The MIME type of a Ferry pane drag (its data: the dragged paths, one a line). */
export const PANE_DRAG_TYPE = 'application/x-ferry-entries';

let current: PaneDrag | null = null;

/** Records the drag that starts. */
export function startPaneDrag(drag: PaneDrag): void {
  current = drag;
}

/** The pane drag in progress, if any. */
export function paneDrag(): PaneDrag | null {
  return current;
}

/** Forgets the drag (it ended or dropped). */
export function endPaneDrag(): void {
  current = null;
  clearDragHint();
}

/** What the hint near the pointer says, and what is highlighted as the target. */
export interface DragHint {
  /** The pane it belongs to. */
  side: 'Local' | 'Remote';
  text: string;
  /** The drop is not possible; the text says why. */
  refused: boolean;
  x: number;
  y: number;
  /** The box of the target (a folder row or the whole list), in window coordinates. */
  target: { left: number; top: number; width: number; height: number } | null;
}

/** The hint store. */
export const useDragHint = create<{ hint: DragHint | null }>()(() => ({ hint: null }));

/** Shows or moves the hint. */
export function showDragHint(hint: DragHint): void {
  const old = useDragHint.getState().hint;
  const same =
    old !== null &&
    old.side === hint.side &&
    old.text === hint.text &&
    old.x === hint.x &&
    old.y === hint.y &&
    old.target?.top === hint.target?.top &&
    old.target?.left === hint.target?.left;
  if (!same) useDragHint.setState({ hint });
}

/** Hides the hint (of one pane, or any). */
export function clearDragHint(side?: 'Local' | 'Remote'): void {
  const old = useDragHint.getState().hint;
  if (old && (side === undefined || old.side === side)) useDragHint.setState({ hint: null });
}
