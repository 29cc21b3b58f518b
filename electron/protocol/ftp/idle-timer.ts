/**
 * The data-idle limit: fires when a data connection moves no bytes for a while.
 * It is paused while Ferry itself holds back (the consumer of a download is slow,
 * the producer of an upload has nothing to write), so backpressure is not a stall.
 */
export class IdleTimer {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly limitMs: number,
    private readonly onIdle: () => void,
  ) {}

  /** Starts or restarts the countdown (bytes moved). */
  touch(): void {
    if (this.stopped || !Number.isFinite(this.limitMs) || this.limitMs <= 0) return;
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(() => this.fire(), this.limitMs);
  }

  /** Stops counting until the next {@link touch} (we are the ones waiting). */
  pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stops for good. */
  stop(): void {
    this.stopped = true;
    this.pause();
  }

  private fire(): void {
    this.timer = null;
    if (!this.stopped) this.onIdle();
  }
}
