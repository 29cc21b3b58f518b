/**
 * Speed over a sliding window: a few seconds of (time, total) samples, so the
 * shown rate neither jumps with each chunk nor lags a minute behind.
 */

/** Seconds of history a rate is computed over. */
const WINDOW_MS = 3000;

/** Samples of one growing total (bytes, or files finished). */
export class RateMeter {
  private readonly samples: Array<{ at: number; total: number }> = [];

  /** Adds the total as of `at` (ms) and forgets samples older than the window. */
  sample(at: number, total: number): void {
    this.samples.push({ at, total });
    while (this.samples.length > 2 && at - this.samples[1]!.at >= WINDOW_MS) this.samples.shift();
  }

  /** Units per second over the window; 0 until two samples exist. */
  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return Math.max(0, ((last.total - first.total) * 1000) / (last.at - first.at));
  }

  /** Forgets the history (after a restart from zero). */
  reset(): void {
    this.samples.length = 0;
  }
}

/** Seconds left for `remaining` at `rate` per second, or `null` when it cannot tell. */
export function etaSeconds(remaining: number, rate: number): number | null {
  if (remaining <= 0) return 0;
  if (rate <= 0) return null;
  return Math.ceil(remaining / rate);
}
