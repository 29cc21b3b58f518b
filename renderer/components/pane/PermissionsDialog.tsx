/**
 * The permissions dialog of the remote pane: owner / group / public × read /
 * write / execute, the octal value kept in step with the checkboxes both ways,
 * and for folders whether to apply the change to what they contain.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PaneEntry } from '../../lib/entries';
import {
  formatOctal,
  hasPermission,
  modeFromPermissions,
  parseOctal,
  PERMISSION_WHAT,
  PERMISSION_WHO,
  withPermission,
} from '../../lib/permissions';
import type { Recurse } from '../../store/pane-operations';
import { Modal } from '../Modal';
import { autofocus } from '../autofocus';
import { errorMessage } from '../../lib/errors';

/** Props of {@link PermissionsDialog}. */
export interface PermissionsDialogProps {
  entries: readonly PaneEntry[];
  /** Applies the mode; rejects with a sentence when the server refuses. */
  onSubmit(mode: number, recurse: Recurse): Promise<void>;
  onCancel(): void;
}

const WHO_LABEL = { owner: 'Owner', group: 'Group', public: 'Public' } as const;
const WHAT_LABEL = { read: 'Read', write: 'Write', execute: 'Execute' } as const;
const RECURSE_CHOICES: { value: Exclude<Recurse, 'none'>; label: string }[] = [
  { value: 'all', label: 'All files and folders' },
  { value: 'files', label: 'Files only' },
  { value: 'folders', label: 'Folders only' },
];

/** The dialog. */
export function PermissionsDialog({ entries, onSubmit, onCancel }: PermissionsDialogProps) {
  const formId = useId();
  const octalHelpId = useId();
  const modes = entries.map((e) => modeFromPermissions(e.permissions));
  const first = entries[0]!;
  const [mode, setMode] = useState(modes[0] ?? (first.isFolder ? 0o755 : 0o644));
  const [octal, setOctal] = useState(formatOctal(mode));
  const [recurse, setRecurse] = useState(false);
  const [recurseKind, setRecurseKind] = useState<Exclude<Recurse, 'none'>>('all');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hasFolders = entries.some((e) => e.isFolder && e.kind === 'dir');
  const differ = new Set(modes.map((m) => m ?? -1)).size > 1;
  const octalValid = parseOctal(octal) !== null;

  const changeBit = (next: number): void => {
    setMode(next);
    setOctal(formatOctal(next));
  };
  const changeOctal = (text: string): void => {
    setOctal(text);
    const parsed = parseOctal(text);
    if (parsed !== null) setMode(parsed);
  };
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!octalValid) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(mode, hasFolders && recurse ? recurseKind : 'none');
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  const title = entries.length === 1 ? `Permissions of "${first.name}"` : `Permissions of ${entries.length.toLocaleString('en-US')} items`;
  return (
    <Modal
      title={title}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy || !octalValid}>
            {busy ? 'Applying…' : 'Apply'}
          </button>
        </>
      }
    >
      <form id={formId} className="permissions" onSubmit={(event) => void submit(event)}>
        {differ && <p className="dialog-note">These items have different permissions now; all of them get the ones below.</p>}
        <div className="permissions__grid">
          {PERMISSION_WHO.map((who, whoIndex) => (
            <fieldset key={who} className="permissions__group">
              <legend>{WHO_LABEL[who]}</legend>
              {PERMISSION_WHAT.map((what, whatIndex) => (
                <label key={what} className="check">
                  <input
                    type="checkbox"
                    ref={whoIndex === 0 && whatIndex === 0 ? autofocus : undefined}
                    checked={hasPermission(mode, who, what)}
                    onChange={(event) => changeBit(withPermission(mode, who, what, event.target.checked))}
                  />
                  {WHAT_LABEL[what]}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        <label className="field field--inline">
          <span>Numeric value</span>
          <input
            className="mono permissions__octal"
            value={octal}
            inputMode="numeric"
            maxLength={4}
            spellCheck={false}
            aria-invalid={octalValid ? undefined : true}
            aria-describedby={octalHelpId}
            onChange={(event) => changeOctal(event.target.value)}
          />
        </label>
        <p id={octalHelpId} className={octalValid ? 'dialog-note' : 'dialog-error'}>
          {octalValid ? 'Three octal digits, as chmod takes them (755 = rwxr-xr-x).' : 'Enter 3 or 4 octal digits (0–7), like 755.'}
        </p>
        {hasFolders && (
          <fieldset className="permissions__recurse">
            <legend className="visually-hidden">Folders</legend>
            <label className="check">
              <input type="checkbox" checked={recurse} onChange={(event) => setRecurse(event.target.checked)} />
              Recurse into subfolders
            </label>
            <div role="radiogroup" aria-label="Apply to" className="permissions__choices">
              {RECURSE_CHOICES.map((choice) => (
                <label key={choice.value} className="check">
                  <input
                    type="radio"
                    name={`${formId}-recurse`}
                    value={choice.value}
                    disabled={!recurse}
                    checked={recurseKind === choice.value}
                    onChange={() => setRecurseKind(choice.value)}
                  />
                  {choice.label}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {error && (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
