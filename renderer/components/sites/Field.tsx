/**
 * A labelled form control with its hint and its error next to it. The control
 * is rendered by the caller with the props this hands over, so the label, the
 * hint and the error are tied to it (`aria-describedby`, `aria-invalid`) for
 * screen readers, and tests find it by its label.
 */
import { useId, type ReactNode } from 'react';

/** What the control must spread onto itself. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Props of {@link Field}. */
export interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** Shown after the control on the same line (a unit, a warning). */
  aside?: ReactNode;
  /** Spans both columns of a form grid. */
  wide?: boolean;
  children(control: ControlProps): ReactNode;
}

/** See the module comment. */
export function Field({ label, error, hint, aside, wide, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${wide ? ' form-field--wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="form-field__control">
        {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
        {aside}
      </div>
      {hint && (
        <p id={hintId} className="form-field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="form-field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Props of {@link CheckField}. */
export interface CheckFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
  disabled?: boolean;
}

/** A checkbox with its label (and an optional hint tied to it). */
export function CheckField({ label, checked, onChange, hint, disabled }: CheckFieldProps) {
  const hintId = useId();
  return (
    <div className="form-field form-field--check form-field--wide">
      <label>
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={hint ? hintId : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {hint && (
        <p id={hintId} className="form-field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
