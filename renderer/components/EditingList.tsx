/**
 * "Files being edited": each remote file open in a local app, whether it was
 * saved since, and the upload that sends the save back to the server.
 */
import { friendlyDate } from '../lib/format';
import { stopEditing, uploadEdited, useEditing } from '../store/editing';

/** The list in the bottom panel. */
export function EditingList() {
  const files = useEditing((s) => s.files);
  const error = useEditing((s) => s.error);
  if (files.length === 0 && !error) {
    return <p className="queue__empty">No files are being edited. Choose "View/Edit" on a remote file to edit it with your own app.</p>;
  }
  return (
    <div className="editing">
      {error && (
        <p className="notice notice--danger" role="alert">
          {error}
        </p>
      )}
      <ul className="editing__list" aria-label="Files being edited">
        {files.map((file) => (
          <li key={file.id} className="editing__item" aria-label={file.name}>
            <div className="editing__what">
              <strong>{file.name}</strong>
              <span className="editing__where">{file.remotePath}</span>
              {file.openedWith === 'none' && (
                <span className="editing__where">
                  No app could be started here; open <code>{file.localPath}</code> yourself.
                </span>
              )}
            </div>
            <span className="editing__state" role="status">
              {file.state === 'uploading'
                ? 'Uploading…'
                : file.changed
                  ? `Saved ${file.changedAt === null ? '' : friendlyDate(file.changedAt)} — not uploaded yet`
                  : 'No changes'}
            </span>
            <button type="button" className="primary" disabled={!file.changed || file.state === 'uploading'} onClick={() => void uploadEdited(file.id)}>
              Upload
            </button>
            <button type="button" onClick={() => void stopEditing(file.id)}>
              Stop editing
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
