/** Asks for the name of a new folder (F7, the toolbar, or the menu). */
import { useId, useState, type FormEvent } from 'react';
import { nameProblem } from '../../lib/names';
import { ErrorDetails, logSearchFor } from '../ErrorDetails';
import { Modal } from '../Modal';
import { autofocus } from '../autofocus';
import { errorMessage } from '../../lib/errors';

/** Props of {@link CreateFolderDialog}. */
export interface CreateFolderDialogProps {
  /** The folder it goes into, as shown to the user. */
  folder: string;
  /** Open the new folder afterwards. */
  enter: boolean;
  /** Creates it; rejects with a sentence when the side refuses. */
  onSubmit(name: string): Promise<void>;
  onCancel(): void;
}

/** The dialog. */
export function CreateFolderDialog({ folder, enter, onSubmit, onCancel }: CreateFolderDialogProps) {
  const formId = useId();
  const errorId = useId();
  const [name, setName] = useState('New folder');
  const [error, setError] = useState<string | null>(null);
  /** The refusal's detail (the server's reply), for the Details disclosure. */
  const [detail, setDetail] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const problem = nameProblem(name);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    setDetail(undefined);
    try {
      await onSubmit(name);
    } catch (failure) {
      setError(errorMessage(failure));
      setDetail(failure instanceof Error && 'detail' in failure && typeof failure.detail === 'string' ? failure.detail : undefined);
      setBusy(false);
    }
  };

  return (
    <Modal
      title={enter ? 'Create folder and enter it' : 'Create folder'}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span>Folder name</span>
          <input
            value={name}
            ref={autofocus}
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            spellCheck={false}
          />
        </label>
        <p className="dialog-note">
          In <span className="mono">{folder}</span>
        </p>
        {error && (
          <p id={errorId} className="dialog-error" role="alert">
            {error}
            <ErrorDetails detail={detail} search={logSearchFor(detail, name)} onOpenLog={onCancel} />
          </p>
        )}
      </form>
    </Modal>
  );
}
