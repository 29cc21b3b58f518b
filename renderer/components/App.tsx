/** The workspace: top bar, local and remote panes side by side, the queue and log below. */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { AppInfo } from '../../shared/contract/app';
import { api } from '../api';
import { subscribeStores } from '../api/subscriptions';
import { LIMITS, setBottomHeight, useLayout } from '../store/layout';
import { openLocalHome } from '../store/local-pane';
import { BottomPanel } from './BottomPanel';
import { ConflictSheet } from './ConflictSheet';
import { PaneArea } from './PaneArea';
import { PromptDialog } from './PromptDialog';
import { Splitter } from './Splitter';
import { StatusBar } from './queue/StatusBar';
import { TopBar } from './TopBar';
import { useProgressTitle } from './useProgressTitle';

/** The whole window. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    const stop = subscribeStores(api());
    void api().call('app.info', {}).then(setInfo);
    void openLocalHome();
    return stop;
  }, []);
  useProgressTitle();
  const bottomHeight = useLayout((s) => s.bottomHeight);
  const bottom = useRef<HTMLElement>(null);
  // The panes keep at least this much of the window, whatever height was remembered.
  const maxBottom = Math.max(LIMITS.bottomHeight.min, window.innerHeight - 260);
  const rows = { '--bottom-height': bottomHeight === null ? undefined : `min(${bottomHeight}px, calc(100vh - 260px))` } as CSSProperties;
  /** The bottom row's height as shown (the panel plus its bottom margin). */
  const shownHeight = (): number => (bottom.current ? bottom.current.getBoundingClientRect().height + 8 : (bottomHeight ?? 200));

  return (
    <div className="app" style={rows}>
      <TopBar info={info} />
      <PaneArea />
      <Splitter
        label="Resize the transfer and log panel"
        orientation="horizontal"
        className="splitter--bottom"
        value={bottomHeight ?? shownHeight()}
        min={LIMITS.bottomHeight.min}
        max={maxBottom}
        valueText={`${Math.round(bottomHeight ?? shownHeight())} pixels tall`}
        step={16}
        increaseWith="ArrowUp"
        current={shownHeight}
        onDrag={(pixels, start) => setBottomHeight(Math.min(maxBottom, start - pixels))}
        onChange={setBottomHeight}
        onReset={() => setBottomHeight(null)}
      />
      <BottomPanel panelRef={bottom} />
      <StatusBar />
      <PromptDialog />
      <ConflictSheet />
    </div>
  );
}
