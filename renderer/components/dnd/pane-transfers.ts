/**
 * Transfers started from the panes: a double-click or Enter on a file, the
 * context menu's "Download"/"Upload", and drops between the panes. Each user
 * action is one `transfers.enqueue` call, so a selection of files and folders
 * becomes ONE batch in the queue. When the batch stops moving, the pane that
 * shows its target folder is listed again, so the new files appear.
 */
import type { SessionInfo } from '../../../shared/contract/remote';
import { baseNameRemote } from '../../../shared/paths/remote-path';
import { api } from '../../api';
import type { PaneEntry } from '../../lib/entries';
import { batchLabel } from '../../lib/queue-drop';
import { baseName } from '../../lib/queue-model';
import { localPane } from '../../store/local-pane';
import { reportError, whenBatchSettles } from '../../store/queue';
import { remotePaneFor, useSessions } from '../../store/sessions';

/** The session the local pane's uploads go to: the remote pane's active tab. */
export function activeSession(): SessionInfo | null {
  const { sessions, activeId } = useSessions.getState();
  return sessions.find((s) => s.id === activeId) ?? null;
}

/** Queues `entries` of `session`'s remote pane for download into `localFolder`, as one batch. */
export async function download(session: SessionInfo, entries: readonly PaneEntry[], localFolder: string, paused = false): Promise<void> {
  if (entries.length === 0) return;
  const from = remotePaneFor(session.id).getState().path;
  try {
    const batch = await api().call('transfers.enqueue', {
      direction: 'download',
      site: session.transferKey,
      ...(paused ? { paused } : {}),
      targetFolder: localFolder,
      label: batchLabel(
        entries.map((e) => e.name),
        from ? baseNameRemote(from) || '/' : null,
      ),
      sources: entries.map((entry) => ({
        path: entry.key,
        // A link to a folder is downloaded as the folder it points at.
        kind: entry.isFolder ? 'dir' : 'file',
        size: entry.isFolder ? null : entry.size,
        mtime: entry.mtime,
      })),
    });
    whenBatchSettles(batch.id, () => refreshIfShowing(localPane, localFolder));
  } catch (error) {
    reportError(error);
  }
}

/** Queues local `entries` for upload into `remoteFolder` of `session`, as one batch. */
export async function upload(session: SessionInfo, entries: readonly PaneEntry[], remoteFolder: string, paused = false): Promise<void> {
  if (entries.length === 0) return;
  const from = localPane.getState().path;
  try {
    const batch = await api().call('transfers.enqueue', {
      direction: 'upload',
      site: session.transferKey,
      ...(paused ? { paused } : {}),
      targetFolder: remoteFolder,
      label: batchLabel(
        entries.map((e) => e.name),
        from ? baseName(from) : null,
      ),
      sources: entries.map((entry) => entry.key),
    });
    refreshRemoteWhenSettled(batch.id, session.id, remoteFolder);
  } catch (error) {
    reportError(error);
  }
}

/** After batch `batchId` stops moving, lists `remoteFolder` again if `sessionId`'s pane still shows it. */
export function refreshRemoteWhenSettled(batchId: number, sessionId: string, remoteFolder: string): void {
  whenBatchSettles(batchId, () => {
    if (!useSessions.getState().sessions.some((s) => s.id === sessionId)) return;
    refreshIfShowing(remotePaneFor(sessionId), remoteFolder);
  });
}

/**
 * Sends `entries` of one pane to the other pane's current folder (double-click, Enter, the menu);
 * `paused` queues them without starting ("Add to queue").
 */
export function sendToOtherSide(side: 'Local' | 'Remote', entries: readonly PaneEntry[], remoteSession: SessionInfo | null, paused = false): void {
  const session = remoteSession ?? activeSession();
  if (!session) {
    reportError(new Error('Connect to a server first: uploads go to the folder shown in the server pane.'));
    return;
  }
  if (side === 'Remote') {
    const folder = localPane.getState().path;
    if (folder === null) return reportError(new Error('The local folder is not listed yet.'));
    void download(session, entries, folder, paused);
  } else {
    const folder = remotePaneFor(session.id).getState().path;
    if (folder === null) return reportError(new Error('The server folder is not listed yet.'));
    void upload(session, entries, folder, paused);
  }
}

function refreshIfShowing(pane: typeof localPane, folder: string): void {
  if (pane.getState().path === folder) void pane.getState().refresh();
}
