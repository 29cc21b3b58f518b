/** The remote side before any server is connected. */

/** Shows that no server is connected yet. */
export function RemotePane() {
  return (
    <section className="pane pane--placeholder" aria-label="Remote files">
      <div className="pane__empty-state">
        <p className="pane__empty-title">Not connected</p>
        <p>Remote files appear here once you connect to a server.</p>
      </div>
    </section>
  );
}
