/**
 * The top bar's notice that Ferry found damaged files at start-up and kept
 * them aside (so the user learns of it without opening the site manager),
 * with the details in a dialog. Dismissed for this window once read.
 */
import { useState } from 'react';
import { useSites } from '../../store/sites';
import { Modal } from '../Modal';
import { autofocus } from '../autofocus';

/** Shows nothing when every file was fine. */
export function StorageProblemsButton() {
  const problems = useSites((s) => s.problems);
  const [open, setOpen] = useState(false);
  const [read, setRead] = useState(false);
  if (problems.length === 0 || read) return null;
  const close = (): void => {
    setOpen(false);
    setRead(true);
  };
  return (
    <>
      <button type="button" className="lock-button" onClick={() => setOpen(true)}>
        Damaged files
      </button>
      {open && (
        <Modal
          title="Ferry kept damaged files aside"
          tone="warning"
          onCancel={close}
          actions={
            <button type="button" className="primary" ref={autofocus} onClick={close}>
              OK
            </button>
          }
        >
          <p>These files could not be read when Ferry started. They were moved aside, not overwritten, so nothing in them is lost:</p>
          <ul className="import-notes" aria-label="Damaged files">
            {problems.map((problem) => (
              <li key={problem.file}>
                {/* The message names the copy kept aside. */}
                {problem.message}
              </li>
            ))}
          </ul>
        </Modal>
      )}
    </>
  );
}
