/**
 * Settings: how saved passwords are protected, and the master password. Says
 * plainly which mode is in use — the OS keyring, a master password, or none
 * (then passwords are not saved and Ferry asks when connecting) — and lets the
 * user set, change, remove the master password, lock, and choose "never save".
 * Each action applies at once; none is part of the settings form's Save.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { SecretsStatus } from '../../../shared/contract/sites';
import { api } from '../../api';
import { updateSettings, useSettings } from '../../store/settings';
import { applySecretsStatus, lockSecrets, requestUnlock, useSites } from '../../store/sites';
import { errorCode, errorMessage } from '../sites/api-errors';
import { ConfirmDialog } from '../sites/ConfirmDialog';
import { CheckField, Field } from '../sites/Field';

/** Props of {@link PasswordSettings}. */
export interface PasswordSettingsProps {
  /** Shows a dialog beside the settings view (`null` closes it), so Escape in it does not close the settings. */
  showDialog(dialog: ReactNode | null): void;
}

/** A sentence for each mode. */
function describeMode(status: SecretsStatus): string {
  if (status.neverSave) return '“Never save passwords” is on: Ferry saves no password and asks for it when connecting.';
  switch (status.mode) {
    case 'keyring':
      return 'Saved passwords are encrypted with your system’s keyring: your operating system login unlocks them.';
    case 'master-password':
      return status.locked
        ? 'Saved passwords are encrypted with your master password, and locked: enter it once to use them until Ferry quits.'
        : 'Saved passwords are encrypted with your master password, which Ferry keeps in memory until it quits.';
    case 'none':
      return 'Passwords are not saved: there is no system keyring here. Ferry asks for them when connecting. Set a master password to save them encrypted.';
  }
}

/** See the module comment. */
export function PasswordSettings({ showDialog }: PasswordSettingsProps) {
  const status = useSites((s) => s.secrets);
  const neverSave = useSettings((s) => s.settings?.neverSavePasswords ?? false);
  const [neverSaveError, setNeverSaveError] = useState<string | null>(null);
  if (!status) return <p className="muted">Loading…</p>;

  const setNeverSave = (on: boolean): void => {
    const apply = (): void => {
      showDialog(null);
      setNeverSaveError(null);
      void updateSettings({ neverSavePasswords: on }).catch((e: unknown) => setNeverSaveError(errorMessage(e)));
    };
    if (on && status.saved > 0) {
      showDialog(
        <ConfirmDialog title="Forget saved passwords?" confirmLabel="Forget and never save" onCancel={() => showDialog(null)} onConfirm={apply}>
          <p>
            Turning this on deletes the {status.saved === 1 ? 'saved password' : `${status.saved} saved passwords`}. Ferry will ask for passwords when
            connecting.
          </p>
        </ConfirmDialog>,
      );
    } else apply();
  };

  return (
    <div className="password-settings">
      <p className="notice notice--info" role="status" aria-label="Password protection">
        {describeMode(status)} {status.saved === 0 ? 'No password is saved.' : status.saved === 1 ? '1 password is saved.' : `${status.saved} passwords are saved.`}
      </p>
      {status.problem && <p className="notice notice--warning">{status.problem}</p>}

      {status.mode === 'master-password' && (
        <div className="button-row">
          {status.locked ? (
            <button type="button" onClick={() => requestUnlock({ reason: 'Saved passwords are locked.' })}>
              Unlock…
            </button>
          ) : (
            <button type="button" onClick={() => void lockSecrets()}>
              Lock now
            </button>
          )}
        </div>
      )}

      <MasterPasswordForm status={status} showDialog={showDialog} />

      <CheckField
        label="Never save passwords"
        hint="Ferry asks for every password when connecting. Turning it on forgets saved passwords."
        checked={neverSave}
        onChange={setNeverSave}
      />
      {neverSaveError && (
        <p className="form-error" role="alert">
          {neverSaveError}
        </p>
      )}
    </div>
  );
}

/** Set (no master password yet), or change / remove (one is set). */
function MasterPasswordForm({ status, showDialog }: { status: SecretsStatus; showDialog(dialog: ReactNode | null): void }) {
  const isSet = status.mode === 'master-password';
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'current' | 'next' | 'confirm', string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (nextPassword: string | null, forgetSavedPasswords = false): Promise<void> => {
    setBusy(true);
    setDone(null);
    try {
      const result = await api().call('secrets.setMasterPassword', {
        ...(isSet ? { current } : {}),
        next: nextPassword,
        forgetSavedPasswords,
      });
      applySecretsStatus(result);
      setCurrent('');
      setNext('');
      setConfirm('');
      setErrors({});
      setDone(nextPassword === null ? 'The master password was removed.' : isSet ? 'The master password was changed.' : 'The master password is set.');
    } catch (error) {
      if (errorCode(error) === 'CONFLICT' && !forgetSavedPasswords) {
        // Without a keyring to move them to, saved passwords cannot outlive the master password: ask first.
        showDialog(
          <ConfirmDialog
            title="Forget saved passwords?"
            confirmLabel="Forget them"
            onCancel={() => showDialog(null)}
            onConfirm={() => {
              showDialog(null);
              void run(nextPassword, true);
            }}
          >
            <p>{errorMessage(error)}</p>
          </ConfirmDialog>,
        );
      } else if (errorCode(error) === 'AUTH_FAILED') setErrors({ current: errorMessage(error) });
      else setErrors({ next: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const problems: typeof errors = {};
    if (isSet && current === '') problems.current = 'Enter your current master password.';
    if (next === '') problems.next = 'Enter the new master password.';
    else if (next.length > 1024) problems.next = 'Use at most 1024 characters.';
    if (next !== confirm) problems.confirm = 'The two passwords are not the same.';
    setErrors(problems);
    if (Object.keys(problems).length === 0) void run(next);
  };

  const remove = (): void => {
    if (current === '') {
      setErrors({ current: 'Enter your current master password to remove it.' });
      return;
    }
    void run(null);
  };

  return (
    <form className="form-section master-password" aria-label={isSet ? 'Change master password' : 'Set a master password'} onSubmit={submit} noValidate>
      <h3 className="dialog-subtitle">{isSet ? 'Change or remove the master password' : 'Master password'}</h3>
      {!isSet && <p className="muted">A master password encrypts saved passwords. Ferry asks for it once each time it starts. It cannot be recovered.</p>}
      <div className="form-grid">
        {isSet && (
          <Field label="Current master password" error={errors.current}>
            {(control) => <input {...control} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
          </Field>
        )}
        <Field label="New master password" error={errors.next}>
          {(control) => <input {...control} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <Field label="Repeat the new master password" error={errors.confirm}>
          {(control) => <input {...control} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {isSet ? 'Change master password' : 'Set master password'}
        </button>
        {isSet && (
          <button type="button" disabled={busy} onClick={remove}>
            Remove master password
          </button>
        )}
      </div>
      {done && (
        <p className="form-done" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
