/**
 * Rename in place: an input over a row's name. Enter or leaving the field
 * commits, Escape cancels; the name without its extension starts selected.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { baseNameRange } from '../../lib/names';

/** Props of {@link RenameField}. */
export interface RenameFieldProps {
  name: string;
  /** A commit is on its way: the field waits. */
  busy: boolean;
  /** The id of the message saying why the last attempt failed. */
  errorId?: string;
  /** `refocus`: the user finished with a key, so focus goes back to the list (not after a click elsewhere). */
  onCommit(name: string, refocus: boolean): void;
  onCancel(refocus: boolean): void;
}

/** The rename input. */
export function RenameField({ name, busy, errorId, onCommit, onCancel }: RenameFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const field = input.current;
    if (!field) return;
    field.focus();
    field.setSelectionRange(...baseNameRange(name));
  }, [name]);

  // Chrome fires blur when a focused input is removed, so closing the field
  // (Escape, a successful rename) would otherwise "leave" it and commit again.
  const closed = useRef(false);
  // The value last sent: leaving the field after it failed must not send it again.
  const tried = useRef<string | null>(null);
  const finish = (commit: boolean, refocus: boolean): void => {
    const value = input.current?.value ?? name;
    if (commit && value !== name) {
      tried.current = value;
      onCommit(value, refocus);
    } else {
      closed.current = true;
      onCancel(refocus);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // Keys typed here are text, not list commands (Backspace, Delete, letters, arrows).
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(true, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false, true);
    }
  };

  return (
    <input
      ref={input}
      className="rename-field"
      aria-label={`New name for ${name}`}
      defaultValue={name}
      readOnly={busy}
      aria-invalid={errorId ? true : undefined}
      aria-describedby={errorId}
      spellCheck={false}
      onKeyDown={onKeyDown}
      // Leaving the field keeps what was typed, as file managers do; an unchanged name just closes it.
      onBlur={() => {
        if (!busy && !closed.current && input.current?.value !== tried.current) finish(true, false);
      }}
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
    />
  );
}
