/**
 * The master-password question: shown when the user asks to unlock, or when
 * an action was refused because saved passwords are locked (then the action
 * runs again once the password is right).
 */
import { useState, type FormEvent } from 'react';
import { dismissUnlock, unlockSecrets, useSites, type UnlockRequest } from '../../store/sites';
import { Modal } from '../Modal';
import { autofocus } from '../autofocus';
import { errorMessage } from './api-errors';

/** Shows the question while one is waiting. */
export function UnlockDialog() {
  const request = useSites((s) => s.unlock);
  if (!request) return null;
  return <UnlockForm request={request} />;
}

function UnlockForm({ request }: { request: UnlockRequest }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    unlockSecrets(password)
      .catch((e: unknown) => {
        setError(errorMessage(e));
        setPassword('');
      })
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      title="Enter your master password"
      onCancel={dismissUnlock}
      actions={
        <>
          <button type="button" onClick={dismissUnlock}>
            Cancel
          </button>
          <button type="submit" form="unlock-form" className="primary" disabled={busy || password === ''}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </>
      }
    >
      <form id="unlock-form" onSubmit={submit}>
        <p>{request.reason} Saved passwords are encrypted with your master password; Ferry keeps it in memory until it quits.</p>
        <label className="field">
          <span>Master password</span>
          <input
            type="password"
            autoComplete="current-password"
            ref={autofocus}
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'unlock-error' : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p id="unlock-error" className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
