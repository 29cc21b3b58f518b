/** The transfer queue area at the bottom of the window. */

/** The queue panel, empty until transfers exist. */
export function QueuePanel() {
  return (
    <section className="queue" aria-label="Transfer queue">
      <div className="queue__tabs" role="tablist" aria-label="Transfer queue views">
        <button type="button" role="tab" aria-selected="true">
          Queued (0)
        </button>
      </div>
      <p className="queue__empty">No transfers. Files you upload or download are listed here.</p>
    </section>
  );
}
