/** The middle of the window: the comparison toolbar above the local and remote panes. */
import { LocalPane } from './LocalPane';
import { PanesToolbar } from './PanesToolbar';
import { RemotePane } from './RemotePane';

/** Both panes and the switches that concern both. */
export function PaneArea() {
  return (
    <div className="pane-area">
      <PanesToolbar />
      <main className="panes">
        <LocalPane />
        <RemotePane />
      </main>
    </div>
  );
}
