/**
 * Optional keep-alive: a NOOP after `intervalMs` without commands, so routers and
 * servers do not drop an idle control connection. It stops after `limitMs` without
 * a real command (default 30 minutes): a forgotten connection should close.
 */
export class KeepAlive {
  private timer: NodeJS.Timeout | null = null;
  private lastRealCommand = Date.now();
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly limitMs: number,
    /** Sends a NOOP when the connection is free; resolves when answered. */
    private readonly sendNoop: () => Promise<void>,
  ) {
    this.schedule();
  }

  /** A real command ran: start counting again. */
  activity(): void {
    if (this.stopped) return;
    this.lastRealCommand = Date.now();
    this.schedule();
  }

  /** Stops for good (on close). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
    // A keep-alive alone must not keep a CLI process running.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    if (Date.now() - this.lastRealCommand >= this.limitMs) {
      this.stop();
      return;
    }
    try {
      await this.sendNoop();
    } catch {
      this.stop();
      return;
    }
    this.schedule();
  }
}
