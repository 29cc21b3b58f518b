/**
 * What every transferred byte passes through: the speed limits, the count for
 * progress, and a watchdog for a stalled source. As a stream stage of its own
 * ({@link createByteMeter}), or called by the writer before each write
 * ({@link createInlineMeter}: one stream stage less per chunk, about a tenth of a
 * 1 GiB download's time).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { FerryError } from '../../shared/errors';
import type { TokenBucket } from './token-bucket';

/** Options of {@link createByteMeter}. */
export interface ByteMeterOptions {
  /** Limits to honour, e.g. the global one and the direction's one. */
  buckets: TokenBucket[];
  /** Called with each piece's length after it passed the limits. */
  onBytes: (bytes: number) => void;
  /**
   * Fail with `TIMEOUT` when the source sends nothing for this long (waiting
   * for the speed limit does not count). A safety net above the protocol's own timeouts.
   */
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Notices a stalled transfer: fails it through `onStall` when nothing moved for the idle
 * limit. One timer that re-arms itself from the time of the last activity, instead of a
 * new timer per chunk (that cost showed at 1 GB/s).
 */
class StallWatchdog {
  private timer: NodeJS.Timeout | null;
  private lastActivity = performance.now();
  /** True while the transfer waits for a speed limit: that time does not count as a stall. */
  waiting = false;

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly onStall: (error: FerryError) => void,
  ) {
    this.timer = setTimeout(this.check, idleTimeoutMs);
    this.timer.unref();
  }

  /** Something moved just now. */
  touch(): void {
    this.lastActivity = performance.now();
  }

  /** The transfer ended (either way): no more checks. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly check = (): void => {
    this.timer = null;
    const quietFor = this.waiting ? 0 : performance.now() - this.lastActivity;
    if (quietFor >= this.idleTimeoutMs) {
      this.onStall(new FerryError('TIMEOUT', `No data arrived for ${Math.round(this.idleTimeoutMs / 1000)} seconds; the transfer is stalled.`));
      return;
    }
    this.timer = setTimeout(this.check, this.idleTimeoutMs - quietFor);
    this.timer.unref();
  };
}

/** True while none of `buckets` limits anything: bytes may pass at once. */
export function passesFreely(buckets: TokenBucket[]): boolean {
  return buckets.every((bucket) => bucket.passesFreely);
}

/** A pass-through stream that limits, counts and watches the bytes (an {@link InlineMeter} as a stage). */
export function createByteMeter(options: ByteMeterOptions): Transform {
  const inline = createInlineMeter(options, (error) => meter.destroy(error));
  const meter: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      // Pieces go on as the limits let them through (the whole chunk at once when none is in force).
      const waiting = inline.pass(chunk.length, (from, to) => meter.push(from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to)));
      if (!waiting) return callback();
      waiting.then(() => callback(), callback);
    },
    flush(callback) {
      inline.stop();
      callback();
    },
    destroy(error, callback) {
      inline.stop();
      callback(error);
    },
  });
  return meter;
}

/** The meter's duties for a writer or reader that calls it as bytes move (see the file comment). */
export interface InlineMeter {
  /**
   * Lets `bytes` pass: at once (undefined) when no limit is in force, else a promise that
   * resolves once the limits allow them, piece by piece (`onPiece` gets each piece's range,
   * before it is counted). Counts them for progress either way.
   */
  pass(bytes: number, onPiece?: (from: number, to: number) => void): Promise<void> | undefined;
  /** The transfer ended: no more stall checks. */
  stop(): void;
}

/** An {@link InlineMeter}; `onStall` gets the TIMEOUT error when nothing arrives for the idle limit. */
export function createInlineMeter(options: ByteMeterOptions, onStall: (error: FerryError) => void): InlineMeter {
  const watchdog = new StallWatchdog(options.idleTimeoutMs, onStall);
  return {
    pass(bytes, onPiece) {
      watchdog.touch();
      if (passesFreely(options.buckets)) {
        // No limit in force: no promise per chunk.
        onPiece?.(0, bytes);
        options.onBytes(bytes);
        return undefined;
      }
      watchdog.waiting = true;
      return takeInPieces(bytes, options, onPiece).finally(() => {
        watchdog.waiting = false;
        watchdog.touch();
      });
    },
    stop: () => watchdog.stop(),
  };
}

/** Takes `bytes` from every bucket a piece at a time, counting each piece once it passed. */
async function takeInPieces(bytes: number, options: ByteMeterOptions, onPiece?: (from: number, to: number) => void): Promise<void> {
  const pieceSize = Math.min(...options.buckets.map((bucket) => bucket.pieceSize()), bytes);
  for (let done = 0; done < bytes; done += pieceSize) {
    const piece = Math.min(pieceSize, bytes - done);
    for (const bucket of options.buckets) await bucket.take(piece, options.signal);
    onPiece?.(done, done + piece);
    options.onBytes(piece);
  }
}
