/** The middle of the window: the comparison toolbar above the local and remote panes, with a splitter between them. */
import { useRef, type CSSProperties } from 'react';
import { LIMITS, setLocalShare, useLayout } from '../store/layout';
import { LocalPane } from './LocalPane';
import { PanesToolbar } from './PanesToolbar';
import { RemotePane } from './RemotePane';
import { Splitter } from './Splitter';

/** Both panes and the switches that concern both. */
export function PaneArea() {
  const share = useLayout((s) => s.localShare);
  const panes = useRef<HTMLElement>(null);
  const columns = { '--local-share': `${share}fr`, '--remote-share': `${1 - share}fr` } as CSSProperties;
  const percent = Math.round(share * 100);
  return (
    <div className="pane-area">
      <PanesToolbar />
      <main className="panes" ref={panes} style={columns}>
        <LocalPane />
        <Splitter
          label="Resize the local and remote panes"
          orientation="vertical"
          className="splitter--panes"
          value={percent}
          min={LIMITS.localShare.min * 100}
          max={LIMITS.localShare.max * 100}
          valueText={`Local pane ${percent}% of the width`}
          step={2}
          increaseWith="ArrowRight"
          onDrag={(pixels, start) => setLocalShare(start / 100 + pixels / Math.max(1, panes.current?.clientWidth ?? 1))}
          onChange={(value) => setLocalShare(value / 100)}
          onReset={() => setLocalShare(LIMITS.localShare.default)}
        />
        <RemotePane />
      </main>
    </div>
  );
}
