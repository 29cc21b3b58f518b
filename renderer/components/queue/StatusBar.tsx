/**
 * The window's status bar: whether anything is transferring, how much is
 * left, the total speed, dropped files still being read, and the last queue
 * problem.
 */
import { useMemo } from 'react';
import { queueTotals, totalsText } from '../../lib/queue-model';
import { useDropUploads } from '../dnd/drop-uploads';
import { dismissNotice, useQueue } from '../../store/queue';
import './queue.css';

/** The status bar (role="status"). */
export function StatusBar() {
  const batches = useQueue((s) => s.batches);
  const notice = useQueue((s) => s.notice);
  const reading = useDropUploads((s) => s.reading);
  const totals = useMemo(() => queueTotals(batches.values()), [batches]);
  return (
    <footer className="status-bar">
      <p className="status-bar__totals" role="status" aria-label="Transfer status">
        <span className={`activity-light activity-light--${totals.activity}`} aria-hidden="true" />
        {totalsText(totals)}
      </p>
      {reading && (
        <p className="status-bar__reading" role="status" aria-label="Dropped files">
          {reading}
        </p>
      )}
      {notice && (
        <p className="status-bar__notice" role="alert">
          {notice}
          <button type="button" aria-label="Dismiss" onClick={dismissNotice}>
            ×
          </button>
        </p>
      )}
    </footer>
  );
}
