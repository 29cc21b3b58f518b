/** Asks before something that cannot be undone (delete a site, forget a key); Cancel is the safe default. */
import type { ReactNode } from 'react';
import { Modal } from '../Modal';
import { autofocus } from '../autofocus';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** The button that does it, e.g. "Delete". */
  confirmLabel: string;
  tone?: 'warning' | 'danger';
  /** Shown while the action runs, and after it failed. */
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** See the module comment. */
export function ConfirmDialog({ title, children, confirmLabel, tone = 'danger', busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Modal
      title={title}
      tone={tone}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" ref={autofocus} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className={`primary${tone === 'danger' ? ' danger' : ''}`} disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
