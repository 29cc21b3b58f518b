/**
 * One thing at a time on a control connection. FTP is strictly sequential: a
 * transfer owns the connection from its first command (TYPE, EPSV, REST, RETR) to
 * its final reply, and nothing else may interleave. Callers queue and wait.
 */

/** A FIFO lock: `acquire()` resolves with a release function when it is your turn. */
export class TaskQueue {
  private tail: Promise<void> = Promise.resolve();
  private held = false;
  private waiting = 0;

  /** True while some task owns the connection. */
  get busy(): boolean {
    return this.held || this.waiting > 0;
  }

  /** Waits for the turn; call the returned function exactly once to let the next task run. */
  acquire(): Promise<() => void> {
    this.waiting++;
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    return previous.then(() => {
      this.waiting--;
      this.held = true;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.held = false;
        release();
      };
    });
  }

  /** Runs `task` when it is its turn and releases after it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}
