/** A message above a pane's list: why something failed, or what just happened. */
import { ErrorDetails, logSearchFor } from '../ErrorDetails';
import type { PaneNotice as Notice } from './usePaneController';

/** Props of {@link PaneNotice}. */
export interface PaneNoticeProps {
  id: string;
  notice: Notice;
  onDismiss(): void;
}

/** The message, with a way to close it. */
export function PaneNotice({ id, notice, onDismiss }: PaneNoticeProps) {
  return (
    <div className={`pane__notice pane__notice--${notice.tone}`}>
      <p id={id} role={notice.tone === 'error' ? 'alert' : 'status'}>
        {notice.text}
        {notice.tone === 'error' && <ErrorDetails detail={notice.detail} search={logSearchFor(notice.detail, '')} />}
      </p>
      <button type="button" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
