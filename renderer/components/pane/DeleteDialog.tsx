/** Asks before deleting: says how many entries, names them, and warns about folders. */
import type { PaneEntry } from '../../lib/entries';
import { Modal } from '../Modal';
import { autofocus } from '../autofocus';

/** How many names the dialog lists before "and N more". */
const NAMES_SHOWN = 8;

/** Props of {@link DeleteDialog}. */
export interface DeleteDialogProps {
  entries: readonly PaneEntry[];
  /** "this computer" or the server's name, so the user knows which side loses the files. */
  where: string;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation. */
export function DeleteDialog({ entries, where, onConfirm, onCancel }: DeleteDialogProps) {
  const folders = entries.filter((e) => e.isFolder && e.kind !== 'link').length;
  const title = entries.length === 1 ? `Delete "${entries[0]!.name}"?` : `Delete ${entries.length.toLocaleString('en-US')} items?`;
  const rest = entries.length - NAMES_SHOWN;
  return (
    <Modal
      title={title}
      tone="danger"
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          {/* Focused first: Delete then Enter is the keyboard path users know from file managers. */}
          <button type="button" className="primary danger" ref={autofocus} onClick={onConfirm}>
            Delete
          </button>
        </>
      }
    >
      <ul className="delete-list" aria-label="Items to delete">
        {entries.slice(0, NAMES_SHOWN).map((entry) => (
          <li key={entry.key}>
            <span className={`icon icon--${entry.isFolder ? 'folder' : entry.kind === 'link' ? 'link' : 'file'}`} aria-hidden="true" />
            {entry.name}
          </li>
        ))}
        {rest > 0 && <li className="delete-list__more">and {rest.toLocaleString('en-US')} more</li>}
      </ul>
      <p className="dialog-note">
        {folders > 0 && (folders === 1 ? 'The folder is deleted with everything in it. ' : 'Folders are deleted with everything in them. ')}
        They are deleted from {where} permanently, not moved to a trash.
      </p>
    </Modal>
  );
}
