/** Asked before leaving a site whose form has unsaved changes: save them, discard them, or stay. */
import { Modal } from '../Modal';
import { autofocus } from '../autofocus';

/** Props of {@link UnsavedChangesDialog}. */
export interface UnsavedChangesDialogProps {
  siteName: string;
  onSave(): void;
  onDiscard(): void;
  onCancel(): void;
}

/** See the module comment. */
export function UnsavedChangesDialog({ siteName, onSave, onDiscard, onCancel }: UnsavedChangesDialogProps) {
  return (
    <Modal
      title="Save your changes?"
      tone="warning"
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" onClick={onDiscard}>
            Discard
          </button>
          <button type="button" className="primary" ref={autofocus} onClick={onSave}>
            Save
          </button>
        </>
      }
    >
      <p>“{siteName}” has changes that are not saved yet.</p>
    </Modal>
  );
}
