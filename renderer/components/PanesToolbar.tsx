/**
 * The switches above both panes: directory comparison (with its legend) and
 * synchronized browsing (with the notice when it turns itself off).
 */
import { useEffect } from 'react';
import { localPane } from '../store/local-pane';
import { localOperations } from '../store/local-operations';
import { dismissSyncNotice, endSync, setComparing, startSync, useComparison } from '../store/comparison';
import { remoteOperations } from '../store/remote-operations';
import { remotePaneFor, useSessions } from '../store/sessions';

const LEGEND = [
  { kind: 'newer', label: 'Newer' },
  { kind: 'different-size', label: 'Different size' },
  { kind: 'only-here', label: 'Only on this side' },
  { kind: 'different-kind', label: 'File vs. folder' },
] as const;

/** The toolbar. */
export function PanesToolbar() {
  const { comparing, syncing, notice } = useComparison();
  const session = useSessions((s) => s.sessions.find((x) => x.id === s.activeId) ?? null);
  const sessionId = session?.id ?? null;

  // Synchronized browsing pairs the local pane with one server's pane: another tab ends it.
  useEffect(() => () => endSync(), [sessionId]);

  const toggleSync = (): void => {
    if (syncing || !session) return endSync();
    startSync(
      { name: 'local', store: localPane, operations: localOperations },
      { name: 'remote', store: remotePaneFor(session.id), operations: remoteOperations(session) },
    );
  };
  const why = session ? undefined : 'Connect to a server first';

  return (
    <div className="panes-toolbar" role="toolbar" aria-label="Both panes">
      <button
        type="button"
        className="toggle"
        aria-pressed={comparing}
        disabled={!session}
        title={why ?? 'Mark files that are newer, differ in size, or exist on one side only'}
        onClick={() => setComparing(!comparing)}
      >
        <span aria-hidden="true" className="toggle__light" />
        Compare folders
      </button>
      <button
        type="button"
        className="toggle"
        aria-pressed={syncing}
        disabled={!session}
        title={why ?? 'Entering a folder on one side enters the same folder on the other'}
        onClick={toggleSync}
      >
        <span aria-hidden="true" className="toggle__light" />
        Synchronized browsing
      </button>
      {comparing && session && (
        <ul className="compare-legend" aria-label="Comparison marks">
          {LEGEND.map((item) => (
            <li key={item.kind}>
              <span className={`mark-dot mark-dot--${item.kind}`} aria-hidden="true" />
              {item.label}
            </li>
          ))}
        </ul>
      )}
      {notice && (
        <p className="panes-toolbar__notice" role="status">
          {notice}
          <button type="button" aria-label="Dismiss" title="Dismiss" onClick={dismissSyncNotice}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
