/**
 * The remote side: connection tabs, then the active session's files. Shows
 * an insecure banner for unencrypted connections and the state of a lost one.
 */
import type { SessionInfo } from '../../shared/contract/remote';
import { activate, disconnect, useSessions } from '../store/sessions';
import { RemoteFiles } from './RemoteFiles';

/** The remote pane with its tabs. */
export function RemotePane() {
  const sessions = useSessions((s) => s.sessions);
  const activeId = useSessions((s) => s.activeId);
  const active = sessions.find((s) => s.id === activeId) ?? null;

  if (!active) {
    return (
      <section className="pane pane--placeholder" aria-label="Remote files">
        <div className="pane__empty-state">
          <p className="pane__empty-title">Not connected</p>
          <p>Use the quick-connect bar above to open a server. Its files appear here.</p>
        </div>
      </section>
    );
  }
  return (
    <div className="remote-side">
      <div className="session-tabs" role="tablist" aria-label="Connections">
        {sessions.map((session) => (
          <div key={session.id} className="session-tab" data-active={session.id === activeId || undefined}>
            <button
              type="button"
              role="tab"
              aria-selected={session.id === activeId}
              onClick={() => activate(session.id)}
              title={`${session.user}@${session.host}:${session.port}`}
            >
              <span className={`lock lock--${session.security.encrypted ? 'on' : 'off'}`} aria-hidden="true" />
              {session.label}
            </button>
            <button type="button" className="session-tab__close" aria-label={`Disconnect ${session.label}`} onClick={() => void disconnect(session.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      <ConnectionNotice session={active} />
      <RemoteFiles key={active.id} session={active} />
    </div>
  );
}

function ConnectionNotice({ session }: { session: SessionInfo }) {
  if (session.state === 'lost') {
    return (
      <p className="notice notice--warning" role="status">
        Connection lost{session.error ? `: ${session.error}` : ''}. Ferry reconnects on your next action.
      </p>
    );
  }
  if (!session.security.encrypted && session.protocol === 'ftp') {
    return (
      <p className="notice notice--danger" role="status" aria-label="Insecure connection">
        {session.security.downgraded
          ? 'The server refused TLS: this connection is NOT encrypted.'
          : 'Plain FTP: this connection is NOT encrypted.'}{' '}
        Passwords and files travel in clear text.
      </p>
    );
  }
  return (
    <p className="notice notice--secure" aria-label="Connection security">
      Encrypted{session.security.protocol ? ` · ${session.security.protocol}` : ''} · {session.user ? `${session.user}@` : ''}
      {session.host}:{session.port}
    </p>
  );
}
