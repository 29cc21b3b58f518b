/** A connected server's files: the shared pane with the remote columns and operations. */
import type { SessionInfo } from '../../shared/contract/remote';
import { localPane } from '../store/local-pane';
import { remoteOperations } from '../store/remote-operations';
import { remotePaneFor } from '../store/sessions';
import { PaneDropZone } from './dnd/PaneDropZone';
import { usePaneTransfers } from './dnd/usePaneTransfers';
import { REMOTE_COLUMNS } from './pane/columns';
import { PaneView } from './PaneView';

/** Props of {@link RemoteFiles}. */
export interface RemoteFilesProps {
  session: SessionInfo;
}

/** The active session's pane. */
export function RemoteFiles({ session }: RemoteFilesProps) {
  const transfers = usePaneTransfers('Remote', session);
  return (
    <PaneDropZone side="Remote" store={remotePaneFor(session.id)} session={session}>
      <PaneView
        side="Remote"
        store={remotePaneFor(session.id)}
        operations={remoteOperations(session)}
        columns={REMOTE_COLUMNS}
        compareWith={localPane}
        where={session.host}
        {...transfers}
      />
    </PaneDropZone>
  );
}
