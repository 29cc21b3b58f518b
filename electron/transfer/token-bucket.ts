/**
 * A token bucket: the speed limit. Each byte costs a token; tokens refill at
 * `rate` per second up to a small burst. The rate can change while transfers
 * run; waiting transfers then re-check at once instead of sleeping out a wait
 * computed for the old rate.
 */

/** Time and timers, injectable so tests can drive the bucket without waiting. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** How much may be spent at once after an idle spell, in seconds of the rate. */
const BURST_SECONDS = 0.05;

interface Waiter {
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** One limit (global, or one direction). */
export class TokenBucket {
  private tokens = 0;
  private last: number;
  private readonly waiters: Waiter[] = [];
  private timer: unknown = null;

  /** `rate` in bytes per second; 0 means no limit. */
  constructor(
    private rate: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.last = clock.now();
    this.tokens = this.burst();
  }

  /** The current limit in bytes per second (0 = none). */
  get bytesPerSecond(): number {
    return this.rate;
  }

  /** Changes the limit; waiting transfers follow the new rate at once. */
  setRate(rate: number): void {
    this.refill();
    this.rate = rate;
    this.tokens = Math.min(this.tokens, this.burst());
    this.reschedule();
  }

  /** True while there is no limit and nobody waits: `take` would resolve at once. */
  get passesFreely(): boolean {
    return this.rate <= 0 && this.waiters.length === 0;
  }

  /**
   * The largest piece worth asking for at once: a tenth of a second of the rate,
   * so a slow limit still moves bytes steadily and a rate change takes effect soon.
   */
  pieceSize(): number {
    return this.rate <= 0 ? Number.POSITIVE_INFINITY : Math.max(1024, Math.floor(this.rate / 10));
  }

  /** Resolves once `bytes` may be sent. Waiters are served in order. */
  take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (this.rate <= 0 && this.waiters.length === 0) return Promise.resolve();
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= bytes) {
      this.tokens -= bytes;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        bytes,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal?.reason);
          this.reschedule();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.reschedule();
    });
  }

  private burst(): number {
    return this.rate <= 0 ? 0 : Math.max(1024, this.rate * BURST_SECONDS);
  }

  private refill(): void {
    const now = this.clock.now();
    if (this.rate > 0) this.tokens = Math.min(this.burst(), this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /** Serves every waiter that can go now and sets one timer for the next. */
  private reschedule(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    this.refill();
    while (this.waiters.length > 0) {
      const head = this.waiters[0]!;
      // A piece larger than the burst could never fit: let it go once the bucket is full.
      const need = Math.min(head.bytes, this.burst());
      if (this.rate > 0 && this.tokens < need) break;
      this.waiters.shift();
      if (this.rate > 0) this.tokens -= head.bytes;
      head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve();
    }
    if (this.waiters.length === 0 || this.rate <= 0) return;
    const head = this.waiters[0]!;
    const need = Math.min(head.bytes, this.burst());
    const waitMs = Math.max(1, ((need - this.tokens) / this.rate) * 1000);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.reschedule();
    }, waitMs);
  }
}
