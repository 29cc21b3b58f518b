/** Runs async jobs one after another, in the order they were queued. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Queues `job`; it starts when every earlier job has settled. A failing job
   * does not stop later ones: its error goes to its own caller only.
   */
  run<T>(job: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
