/** The local pane: this machine's files, compared against the active server's pane. */
import { localPane } from '../store/local-pane';
import { localOperations } from '../store/local-operations';
import { remotePaneFor, useSessions } from '../store/sessions';
import { LOCAL_COLUMNS } from './pane/columns';
import { PaneView } from './PaneView';

/** The left pane. */
export function LocalPane() {
  const activeId = useSessions((s) => s.activeId);
  return (
    <PaneView
      side="Local"
      store={localPane}
      operations={localOperations}
      columns={LOCAL_COLUMNS}
      compareWith={activeId === null ? null : remotePaneFor(activeId)}
      where="this computer"
    />
  );
}
