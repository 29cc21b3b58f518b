/** The workspace: top bar, local and remote panes side by side, the queue below. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/contract/app';
import { api } from '../api';
import { localPane, openLocalHome } from '../store/local-pane';
import { PaneView } from './PaneView';
import { QueuePanel } from './QueuePanel';
import { RemotePane } from './RemotePane';
import { TopBar } from './TopBar';

/** The whole window. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api().call('app.info', {}).then(setInfo);
    void openLocalHome();
  }, []);

  return (
    <div className="app">
      <TopBar info={info} />
      <main className="panes">
        <PaneView side="Local" store={localPane} />
        <RemotePane />
      </main>
      <QueuePanel />
    </div>
  );
}
