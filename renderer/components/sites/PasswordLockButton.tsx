/**
 * The top bar's sign that saved passwords are locked (a master password is set
 * and was not entered in this run), with the way to unlock them.
 */
import { requestUnlock, useSites } from '../../store/sites';

/** Shows nothing unless saved passwords are locked. */
export function PasswordLockButton() {
  const locked = useSites((s) => s.secrets?.locked ?? false);
  if (!locked) return null;
  return (
    <button
      type="button"
      className="lock-button"
      aria-label="Unlock saved passwords"
      title="Saved passwords are locked: a master password protects them. Enter it to connect with them."
      onClick={() => requestUnlock({ reason: 'Saved passwords are locked.' })}
    >
      <span className="lock-button__icon" aria-hidden="true" />
      Unlock
    </button>
  );
}
