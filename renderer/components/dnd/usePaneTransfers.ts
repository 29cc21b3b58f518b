/**
 * The transfer hooks a pane gets: a double-click or Enter on a file sends it
 * to the other side's current folder, and the context menu's
 * "Download"/"Upload" sends the selection (files and folders) as one batch.
 */
import { useMemo } from 'react';
import type { SessionInfo } from '../../../shared/contract/remote';
import type { PaneEntry } from '../../lib/entries';
import { sendToOtherSide } from './pane-transfers';

/** What {@link usePaneTransfers} gives a pane (PaneView's `onOpenFile` and `onTransfer`). */
export interface PaneTransferProps {
  onOpenFile(entry: PaneEntry): void;
  onTransfer(entries: readonly PaneEntry[]): void;
  /** "Add to queue": queued paused, started by Resume. */
  onQueue(entries: readonly PaneEntry[]): void;
}

/** Transfer callbacks for the `side` pane; `session` is the remote pane's own session (the local pane uses the active one). */
export function usePaneTransfers(side: 'Local' | 'Remote', session: SessionInfo | null): PaneTransferProps {
  return useMemo(
    () => ({
      onOpenFile: (entry) => sendToOtherSide(side, [entry], session),
      onTransfer: (entries) => sendToOtherSide(side, entries, session),
      onQueue: (entries) => sendToOtherSide(side, entries, session, true),
    }),
    [side, session],
  );
}
