/**
 * What goes with an error message wherever it is shown (a pane, a dialog, a
 * queue item): the server's reply in a small disclosure, and a "Details"
 * button that opens the Activity log searching for what failed.
 */
import { showInLog } from '../store/activity-log';

/** Props of {@link ErrorDetails}. */
export interface ErrorDetailsProps {
  /** The error's detail text (ApiError.detail), e.g. the server's reply. */
  detail?: string | undefined;
  /** What to search the log for: the server's reply when there is one, else the failing path. */
  search: string;
  /** Called before the log opens (a dialog closes itself so the log can be seen). */
  onOpenLog?(): void;
}

/** The first line of a detail, which is what the log shows as one line. */
export function logSearchFor(detail: string | undefined, path: string): string {
  const first = detail?.split('\n').find((line) => line.trim() !== '')?.trim();
  return first ?? path;
}

/** The disclosure and the button. */
export function ErrorDetails({ detail, search, onOpenLog }: ErrorDetailsProps) {
  return (
    <span className="error-details">
      {detail && (
        <details className="error-details__reply">
          <summary>Server reply</summary>
          <pre>{detail}</pre>
        </details>
      )}
      <button
        type="button"
        className="error-details__log"
        title="Show this in the activity log"
        onClick={() => {
          onOpenLog?.();
          showInLog(search);
        }}
      >
        Details
      </button>
    </span>
  );
}
