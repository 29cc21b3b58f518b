/** The workspace: top bar, local and remote panes side by side, the queue and log below. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/contract/app';
import { api } from '../api';
import { subscribeStores } from '../api/subscriptions';
import { openLocalHome } from '../store/local-pane';
import { BottomPanel } from './BottomPanel';
import { ConflictSheet } from './ConflictSheet';
import { PaneArea } from './PaneArea';
import { PromptDialog } from './PromptDialog';
import { StatusBar } from './queue/StatusBar';
import { TopBar } from './TopBar';

/** The whole window. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    const stop = subscribeStores(api());
    void api().call('app.info', {}).then(setInfo);
    void openLocalHome();
    return stop;
  }, []);

  return (
    <div className="app">
      <TopBar info={info} />
      <PaneArea />
      <BottomPanel />
      <StatusBar />
      <PromptDialog />
      <ConflictSheet />
    </div>
  );
}
