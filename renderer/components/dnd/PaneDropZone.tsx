/**
 * Drag and drop for one pane, around it without changing its layout
 * (`display: contents`): rows of its list can be dragged to the other pane;
 * the pane accepts entries from the other pane and, on the server side, files
 * from the operating system. Dropping onto the list puts things in the folder
 * shown; onto a folder row, into that folder. While dragging, a hint near the
 * pointer says what will happen ("Upload 3 items to /var/www/img") or why it
 * cannot, and the target is outlined.
 *
 * Rows are found through the `data-key` attribute FileRow puts on each row.
 */
import type { DragEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { SessionInfo } from '../../../shared/contract/remote';
import type { PaneEntry } from '../../lib/entries';
import { dropLabel, dropRefusal } from '../../lib/queue-drop';
import type { PaneStore } from '../../store/pane-store';
import { reportError } from '../../store/queue';
import { clearDragHint, endPaneDrag, PANE_DRAG_TYPE, paneDrag, showDragHint, startPaneDrag, useDragHint } from './drag-state';
import { droppedCount, takeDropped } from '../../lib/queue-dropped';
import { uploadDropped } from './drop-uploads';
import { activeSession, download, upload } from './pane-transfers';
import './dnd.css';

/** Props of {@link PaneDropZone}. */
export interface PaneDropZoneProps {
  side: 'Local' | 'Remote';
  store: PaneStore;
  /** The remote pane's session; `null` on the local side (its drops go to the active session). */
  session: SessionInfo | null;
  children: ReactNode;
}

const byKeyCache = new WeakMap<readonly PaneEntry[], Map<string, PaneEntry>>();

/** The pane's entries by key (built once per listing). */
function entriesByKey(entries: readonly PaneEntry[]): Map<string, PaneEntry> {
  let map = byKeyCache.get(entries);
  if (!map) byKeyCache.set(entries, (map = new Map(entries.map((e) => [e.key, e]))));
  return map;
}

/** The list row an event happened on, if any. */
function rowOf(event: DragEvent): HTMLElement | null {
  return (event.target as HTMLElement | null)?.closest<HTMLElement>('[role="row"][data-key]') ?? null;
}

/** See the module comment. */
export function PaneDropZone({ side, store, session, children }: PaneDropZoneProps) {
  /** The session on the remote end of a transfer to or from this pane. */
  const remoteSession = (): SessionInfo | null => session ?? activeSession();

  const onDragStart = (event: DragEvent): void => {
    const row = rowOf(event);
    const key = row?.dataset.key;
    if (!row || key === undefined) return;
    const state = store.getState();
    const byKey = entriesByKey(state.entries);
    if (!byKey.has(key)) return;
    // As in file managers: dragging a selected row drags the selection, another row drags itself.
    let keys = [key];
    if (state.selected.has(key)) keys = [...state.selected].filter((k) => byKey.has(k));
    else state.select([key], key);
    const entries = keys.map((k) => byKey.get(k)!);
    startPaneDrag({ from: side, sessionId: session?.id ?? null, entries });
    event.dataTransfer.effectAllowed = 'copy';
    event.dataTransfer.setData(PANE_DRAG_TYPE, keys.join('\n'));
    event.dataTransfer.setData('text/plain', entries.map((e) => e.name).join('\n'));
  };

  /** Where a drop at this event would go, or why it cannot. */
  const decide = (event: DragEvent): { folder: string; box: DOMRect | null; label: string } | { refusal: string } | null => {
    const drag = paneDrag();
    const fromOs = drag === null && event.dataTransfer.types.includes('Files');
    if (!drag && !fromOs) return null;
    const from = drag ? drag.from : 'os';
    if (from === side) return null; // Dragging within one pane: nothing to say.
    const state = store.getState();
    const other = side === 'Remote' ? null : remoteSession();
    const ready = state.path !== null && (side === 'Local' ? other !== null : session !== null);
    const refusal = dropRefusal({ from, onto: side, ready });
    if (refusal) return { refusal };
    // A drag from another server's tab cannot go to this one: it would need a server-to-server copy.
    if (drag?.from === 'Remote' && side === 'Local' && other && drag.sessionId !== other.id && drag.sessionId !== null) {
      return { refusal: 'Switch to that server’s tab to download from it.' };
    }
    const row = rowOf(event);
    const entry = row?.dataset.key === undefined ? undefined : entriesByKey(state.entries).get(row.dataset.key);
    const intoRow = entry?.isFolder === true && !(drag?.entries.some((e) => e.key === entry.key) ?? false);
    const folder = intoRow ? entry.key : state.path!;
    const list = (event.currentTarget as HTMLElement).querySelector('[role="grid"]');
    const box = intoRow ? row!.getBoundingClientRect() : (list?.getBoundingClientRect() ?? null);
    const names = drag ? drag.entries.map((e) => e.name) : [];
    const count = drag ? drag.entries.length : event.dataTransfer.items.length;
    return { folder, box, label: dropLabel({ direction: side === 'Remote' ? 'upload' : 'download', names, count, folder }) };
  };

  /** dragenter and dragover: say what a drop here would do (a new row under the pointer may change it). */
  const onDragOver = (event: DragEvent): void => {
    const decision = decide(event);
    if (decision === null) return;
    const at = { x: event.clientX, y: event.clientY };
    if ('refusal' in decision) {
      event.dataTransfer.dropEffect = 'none';
      showDragHint({ side, text: decision.refusal, refused: true, ...at, target: null });
      return;
    }
    // Accepting the drag: without preventDefault the browser refuses the drop.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const box = decision.box;
    showDragHint({
      side,
      text: decision.label,
      refused: false,
      ...at,
      target: box ? { left: box.left, top: box.top, width: box.width, height: box.height } : null,
    });
  };

  const onDragLeave = (event: DragEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (next && (event.currentTarget as HTMLElement).contains(next)) return;
    clearDragHint(side);
  };

  const onDrop = (event: DragEvent): void => {
    const decision = decide(event);
    clearDragHint();
    if (decision === null || 'refusal' in decision) return;
    event.preventDefault();
    const drag = paneDrag();
    endPaneDrag();
    if (drag) {
      const target = remoteSession();
      if (!target) return;
      if (side === 'Local') void download(target, drag.entries, decision.folder);
      else void upload(target, drag.entries, decision.folder);
      return;
    }
    if (!session) return;
    // The DataTransfer empties itself once this handler returns: take the items now.
    const roots = takeDropped(event.dataTransfer);
    const count = droppedCount(roots);
    if (count === 0) return reportError(new Error('Nothing that can be uploaded was dropped.'));
    const label = count === 1 ? (roots.entries[0]?.name ?? roots.files[0]?.name ?? '1 item') : `${count} dropped items`;
    void uploadDropped(session, decision.folder, roots, label);
  };

  return (
    <div className="drop-zone" onDragStart={onDragStart} onDragEnter={onDragOver} onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop} onDragEnd={endPaneDrag}>
      {children}
      <DragHintView side={side} />
    </div>
  );
}

/** The hint near the pointer and the target's outline, for this pane's drags. */
function DragHintView({ side }: { side: 'Local' | 'Remote' }) {
  const hint = useDragHint((s) => (s.hint?.side === side ? s.hint : null));
  if (!hint) return null;
  return createPortal(
    <>
      {hint.target && (
        <div
          className="drop-target-outline"
          aria-hidden="true"
          style={{ left: hint.target.left, top: hint.target.top, width: hint.target.width, height: hint.target.height }}
        />
      )}
      <div className={`drop-hint${hint.refused ? ' drop-hint--refused' : ''}`} role="status" aria-label="Drop target" style={{ left: hint.x + 16, top: hint.y + 18 }}>
        {hint.text}
      </div>
    </>,
    document.body,
  );
}
