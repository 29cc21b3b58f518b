/** The transfer queue. */

/** The queue, empty until transfers exist. */
export function QueuePanel() {
  return <p className="queue__empty">No transfers. Files you upload or download are listed here.</p>;
}
