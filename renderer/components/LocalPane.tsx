/** The local pane: this machine's files, compared against the active server's pane. */
import { localPane } from '../store/local-pane';
import { localOperations } from '../store/local-operations';
import { remotePaneFor, useSessions } from '../store/sessions';
import { PaneDropZone } from './dnd/PaneDropZone';
import { usePaneTransfers } from './dnd/usePaneTransfers';
import { LOCAL_COLUMNS } from './pane/columns';
import { PaneView } from './PaneView';

/** The left pane. */
export function LocalPane() {
  const activeId = useSessions((s) => s.activeId);
  const transfers = usePaneTransfers('Local', null);
  return (
    <PaneDropZone side="Local" store={localPane} session={null}>
      <PaneView
        side="Local"
        store={localPane}
        operations={localOperations}
        columns={LOCAL_COLUMNS}
        compareWith={activeId === null ? null : remotePaneFor(activeId)}
        where="this computer"
        {...transfers}
      />
    </PaneDropZone>
  );
}
