/**
 * The transfer queue: tabs by state ("Queued and active (N)", "Failed (N)",
 * "Done (N)"), buttons for the row under the cursor and for everything, and
 * the list of batches and their items.
 */
import { useCallback, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { QUEUE_TABS, tabCounts, type QueueTab } from '../../lib/queue-model';
import { clearFinished, control, setTab, useQueue } from '../../store/queue';
import { canRun, run, type QueueCommand, type QueueSubject } from './queue-commands';
import { QueueList } from './QueueList';
import './queue.css';

/** The queue panel. */
export function QueuePanel() {
  const batches = useQueue((s) => s.batches);
  const tab = useQueue((s) => s.tab);
  const counts = useMemo(() => tabCounts(batches.values()), [batches]);
  const { moving, paused } = useMemo(() => {
    let movingItems = 0;
    let pausedItems = 0;
    for (const b of batches.values()) {
      movingItems += b.counts.queued + b.counts.active;
      pausedItems += b.counts.paused;
    }
    return { moving: movingItems, paused: pausedItems };
  }, [batches]);
  const [subject, setSubject] = useState<QueueSubject | null>(null);
  const onSubject = useCallback((next: QueueSubject | null) => setSubject(next), []);
  const panelId = useId();

  // Arrow keys move between tabs, as the tabs pattern expects.
  const onTabKey = (event: KeyboardEvent): void => {
    const index = QUEUE_TABS.findIndex((t) => t.tab === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = QUEUE_TABS[(index + step + QUEUE_TABS.length) % QUEUE_TABS.length]!.tab;
    setTab(next);
    document.getElementById(`${panelId}-tab-${next}`)?.focus();
  };

  return (
    <div className="queue">
      <div className="queue__bar">
        <div className="queue__tabs" role="tablist" aria-label="Transfers by state" onKeyDown={onTabKey}>
          {QUEUE_TABS.map(({ tab: id, title }) => (
            <button
              key={id}
              id={`${panelId}-tab-${id}`}
              type="button"
              role="tab"
              aria-selected={tab === id}
              aria-controls={`${panelId}-panel`}
              tabIndex={tab === id ? 0 : -1}
              className={`queue__tab${id === 'failed' && counts.failed > 0 ? ' has-failures' : ''}`}
              onClick={() => setTab(id as QueueTab)}
            >
              {title} ({counts[id].toLocaleString('en-US')})
            </button>
          ))}
        </div>
        <div className="queue__tools" role="toolbar" aria-label="Transfer actions">
          <SubjectButton subject={subject} command="pause" label="Pause" />
          <SubjectButton subject={subject} command="resume" label="Resume" />
          <SubjectButton subject={subject} command="retry" label="Retry" />
          <SubjectButton subject={subject} command="cancel" label="Cancel" />
          <SubjectButton subject={subject} command="raise" label="Raise priority" text="↑" />
          <SubjectButton subject={subject} command="lower" label="Lower priority" text="↓" />
          <span className="queue__tools-gap" aria-hidden="true" />
          <button type="button" className="tool-button" disabled={moving === 0} onClick={() => control('pause', { kind: 'all' })}>
            Pause all
          </button>
          <button type="button" className="tool-button" disabled={paused === 0} onClick={() => control('resume', { kind: 'all' })}>
            Resume all
          </button>
          <button type="button" className="tool-button" disabled={counts.failed === 0} onClick={() => control('retry', { kind: 'all' })}>
            Retry failed
          </button>
          <button type="button" className="tool-button" disabled={counts.finished === 0} onClick={() => clearFinished()}>
            Clear finished
          </button>
        </div>
      </div>
      <div id={`${panelId}-panel`} role="tabpanel" className="queue__panel" aria-labelledby={`${panelId}-tab-${tab}`}>
        <QueueList onSubject={onSubject} />
      </div>
    </div>
  );
}

/** A button that acts on the row under the cursor. */
function SubjectButton({ subject, command, label, text }: { subject: QueueSubject | null; command: QueueCommand; label: string; text?: string }) {
  const what = subject === null ? '' : subject.kind === 'batch' ? ' batch' : ' file';
  return (
    <button
      type="button"
      className="tool-button"
      aria-label={`${label}${what}`}
      title={`${label}${what}`}
      disabled={!canRun(subject, command)}
      onClick={() => run(subject, command)}
    >
      {text ?? label}
    </button>
  );
}
