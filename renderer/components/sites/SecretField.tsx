/**
 * A write-only password (or key passphrase) field. The saved secret never
 * reaches the renderer: the field shows only whether one is saved, takes a
 * new one, or marks the saved one for clearing. When Ferry cannot save
 * passwords here (no keyring, "never save"), it says so and asks at connect.
 */
import type { SecretsStatus } from '../../../shared/contract/sites';
import { openSettings } from '../../store/settings';
import { Field } from './Field';
import type { SecretEdit } from './site-form-model';

/** Props of {@link SecretField}. */
export interface SecretFieldProps {
  label: string;
  /** "password" or "passphrase", for the sentences. */
  noun: string;
  hasSaved: boolean;
  edit: SecretEdit;
  onChange(edit: SecretEdit): void;
  secrets: SecretsStatus | null;
  error?: string | undefined;
}

/** See the module comment. */
export function SecretField({ label, noun, hasSaved, edit, onChange, secrets, error }: SecretFieldProps) {
  const cannotSave = secrets !== null && !secrets.canSave && !secrets.locked;
  const value = edit.action === 'set' ? edit.value : '';
  const hint = cannotSave ? (
    <>
      {secrets.neverSave
        ? `“Never save passwords” is on: Ferry asks for the ${noun} when connecting.`
        : `Passwords are not saved: there is no system keyring here. Ferry asks for the ${noun} when connecting.`}{' '}
      {!secrets.neverSave && (
        <button type="button" className="link-button" onClick={() => openSettings('passwords')}>
          Set a master password…
        </button>
      )}
    </>
  ) : edit.action === 'clear' ? (
    `The saved ${noun} is removed when you save.`
  ) : edit.action === 'set' ? (
    hasSaved ? `Replaces the saved ${noun} when you save.` : `Saved encrypted when you save.`
  ) : hasSaved ? (
    secrets?.locked ? `A ${noun} is saved (locked until you enter your master password).` : `A ${noun} is saved. Type a new one to replace it.`
  ) : secrets?.locked ? (
    `Saving a ${noun} asks for your master password first.`
  ) : (
    `No ${noun} is saved.`
  );

  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      aside={
        <>
          {hasSaved && edit.action === 'keep' && <span className="tag tag--ok">Saved</span>}
          {hasSaved && edit.action === 'keep' && (
            <button type="button" className="small-button" aria-label={`Clear the saved ${noun}`} onClick={() => onChange({ action: 'clear' })}>
              Clear
            </button>
          )}
          {edit.action !== 'keep' && (hasSaved || edit.action === 'set') && (
            <button type="button" className="small-button" onClick={() => onChange({ action: 'keep' })}>
              {hasSaved ? 'Keep saved' : 'Undo'}
            </button>
          )}
        </>
      }
    >
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete="new-password"
          disabled={cannotSave}
          placeholder={hasSaved && edit.action === 'keep' ? '•••••••• (saved)' : ''}
          value={value}
          // Emptying the field goes back to "keep": only the Clear button removes a saved secret.
          onChange={(e) => onChange(e.target.value === '' ? { action: 'keep' } : { action: 'set', value: e.target.value })}
        />
      )}
    </Field>
  );
}
