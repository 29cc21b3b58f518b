/** The bottom of the window: the transfer queue and the activity log, as tabs. */
import type { Ref } from 'react';
import { useEditing } from '../store/editing';
import { setBottomTab, useLayout, type BottomTab } from '../store/layout';
import { ActivityLog } from './ActivityLog';
import { EditingList } from './EditingList';
import { QueuePanel } from './QueuePanel';

/** Queue and log tabs; the open tab is remembered (store/layout). */
export function BottomPanel({ panelRef }: { panelRef?: Ref<HTMLElement> }) {
  const tab = useLayout((s) => s.bottomTab);
  const setTab = (next: BottomTab): void => setBottomTab(next);
  const editing = useEditing((s) => s.files.length);
  const changed = useEditing((s) => s.files.filter((f) => f.changed).length);
  return (
    <section className="bottom-panel" aria-label="Transfers and log" ref={panelRef}>
      <div className="bottom-panel__tabs" role="tablist" aria-label="Bottom panel">
        <button type="button" role="tab" aria-selected={tab === 'queue'} onClick={() => setTab('queue')}>
          Transfer queue
        </button>
        <button type="button" role="tab" aria-selected={tab === 'log'} onClick={() => setTab('log')}>
          Activity log
        </button>
        <button type="button" role="tab" aria-selected={tab === 'editing'} onClick={() => setTab('editing')}>
          Editing ({editing}){changed > 0 ? ` · ${changed} to upload` : ''}
        </button>
      </div>
      <div className="bottom-panel__body" role="tabpanel">
        {tab === 'queue' ? <QueuePanel /> : tab === 'log' ? <ActivityLog /> : <EditingList />}
      </div>
    </section>
  );
}
