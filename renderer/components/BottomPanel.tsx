/** The bottom of the window: the transfer queue and the activity log, as tabs. */
import { useState } from 'react';
import { ActivityLog } from './ActivityLog';
import { QueuePanel } from './QueuePanel';

/** Queue and log tabs. */
export function BottomPanel() {
  const [tab, setTab] = useState<'queue' | 'log'>('queue');
  return (
    <section className="bottom-panel" aria-label="Transfers and log">
      <div className="bottom-panel__tabs" role="tablist" aria-label="Bottom panel">
        <button type="button" role="tab" aria-selected={tab === 'queue'} onClick={() => setTab('queue')}>
          Transfer queue
        </button>
        <button type="button" role="tab" aria-selected={tab === 'log'} onClick={() => setTab('log')}>
          Activity log
        </button>
      </div>
      <div className="bottom-panel__body" role="tabpanel">
        {tab === 'queue' ? <QueuePanel /> : <ActivityLog />}
      </div>
    </section>
  );
}
