/** A connected server's files: the shared pane with the remote columns and operations. */
import type { SessionInfo } from '../../shared/contract/remote';
import { localPane } from '../store/local-pane';
import { remoteOperations } from '../store/remote-operations';
import { remotePaneFor } from '../store/sessions';
import { REMOTE_COLUMNS } from './pane/columns';
import { PaneView } from './PaneView';

/** Props of {@link RemoteFiles}. */
export interface RemoteFilesProps {
  session: SessionInfo;
}

/** The active session's pane. */
export function RemoteFiles({ session }: RemoteFilesProps) {
  return (
    <PaneView
      side="Remote"
      store={remotePaneFor(session.id)}
      operations={remoteOperations(session)}
      columns={REMOTE_COLUMNS}
      compareWith={localPane}
      where={session.host}
    />
  );
}
