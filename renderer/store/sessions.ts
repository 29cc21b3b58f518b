/**
 * Open connections (one tab each), the active one, and each one's remote pane.
 * Session changes arrive as `remote.session` events and are applied here,
 * outside React.
 */
import { create } from 'zustand';
import type { ConnectTarget, RemoteListing, SessionInfo } from '../../shared/contract/remote';
import type { RemoteEntry } from '../../shared/types/remote';
import { joinRemote } from '../../shared/paths/remote-path';
import { api } from '../api';
import type { PaneEntry } from '../lib/entries';
import { showHiddenFor } from './layout';
import { createPaneStore, type PaneStore } from './pane-store';
import { errorMessage } from '../lib/errors';

/** The connection tabs and their state. */
export interface SessionsState {
  sessions: SessionInfo[];
  activeId: string | null;
  /** A connect in progress (for the button's busy state). */
  connecting: boolean;
  /** Why the last connect failed, shown under the quick-connect bar. */
  connectError: string | null;
}

export const useSessions = create<SessionsState>()(() => ({
  sessions: [],
  activeId: null,
  connecting: false,
  connectError: null,
}));

const panes = new Map<string, PaneStore>();

/** The remote pane of a session (created on first use). */
export function remotePaneFor(sessionId: string): PaneStore {
  let pane = panes.get(sessionId);
  if (!pane) {
    pane = createPaneStore(async (path) => toFolderContents(await api().call('remote.list', { sessionId, path, hidden: true })), {
      // The user's last choice for servers (store/layout), else shown.
      showHidden: showHiddenFor('Remote', true),
    });
    panes.set(sessionId, pane);
  }
  return pane;
}

/** Connects, opens a tab for the session and lists its home folder. */
export async function connect(target: ConnectTarget): Promise<SessionInfo | null> {
  useSessions.setState({ connecting: true, connectError: null });
  try {
    const session = await api().call('remote.connect', { target });
    upsert(session);
    useSessions.setState({ activeId: session.id });
    await remotePaneFor(session.id).getState().open(session.home);
    return session;
  } catch (error) {
    useSessions.setState({ connectError: errorMessage(error) });
    return null;
  } finally {
    useSessions.setState({ connecting: false });
  }
}

/** Closes a session and its tab. */
export async function disconnect(sessionId: string): Promise<void> {
  await api().call('remote.disconnect', { sessionId });
  removeSession(sessionId);
}

/** Switches the remote pane to another tab. */
export function activate(sessionId: string): void {
  useSessions.setState({ activeId: sessionId });
}

/** Applies a `remote.session` event. */
export function applySessionEvent(session: SessionInfo): void {
  if (session.state === 'closed') removeSession(session.id);
  else if (useSessions.getState().sessions.some((s) => s.id === session.id)) upsert(session);
}

function upsert(session: SessionInfo): void {
  useSessions.setState((state) => {
    const exists = state.sessions.some((s) => s.id === session.id);
    return { sessions: exists ? state.sessions.map((s) => (s.id === session.id ? session : s)) : [...state.sessions, session] };
  });
}

function removeSession(sessionId: string): void {
  panes.delete(sessionId);
  useSessions.setState((state) => {
    const sessions = state.sessions.filter((s) => s.id !== sessionId);
    const activeId = state.activeId === sessionId ? (sessions.at(-1)?.id ?? null) : state.activeId;
    return { sessions, activeId };
  });
}

function toFolderContents(listing: RemoteListing) {
  return {
    path: listing.path,
    parent: listing.parent,
    segments: listing.segments,
    entries: listing.entries.map((entry) => toPaneEntry(listing.path, entry)),
  };
}

function toPaneEntry(folder: string, entry: RemoteEntry): PaneEntry {
  return {
    key: joinRemote(folder, entry.name),
    name: entry.name,
    kind: entry.kind,
    isFolder: entry.kind === 'dir' || (entry.kind === 'link' && entry.targetKind === 'dir'),
    size: entry.kind === 'dir' ? null : entry.size,
    mtime: entry.mtime,
    // Directory comparison widens its time threshold for entries dated to the day only.
    mtimePrecision: entry.mtimePrecision,
    permissions: entry.permissions,
    owner: entry.owner === null ? null : entry.group ? `${entry.owner}:${entry.group}` : entry.owner,
    hidden: entry.name.startsWith('.'),
    ...(entry.linkTarget === undefined ? {} : { linkTarget: entry.linkTarget }),
  };
}
