/**
 * The stream stage every transferred byte passes through: it applies the speed
 * limits, counts bytes for progress, and notices a stalled source.
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

/** A pass-through stream that limits, counts and watches the bytes. */
export function createByteMeter(options: ByteMeterOptions): Transform {
  let watchdog: NodeJS.Timeout | null = null;
  const stopWatchdog = (): void => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = null;
  };
  const meter: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      stopWatchdog();
      passThrough(chunk, options, meter).then(
        () => {
          armWatchdog();
          callback();
        },
        (error: unknown) => callback(error as Error),
      );
    },
    flush(callback) {
      stopWatchdog();
      callback();
    },
    destroy(error, callback) {
      stopWatchdog();
      callback(error);
    },
  });
  const armWatchdog = (): void => {
    stopWatchdog();
    watchdog = setTimeout(() => {
      meter.destroy(
        new FerryError(
          'TIMEOUT',
          `No data arrived for ${Math.round(options.idleTimeoutMs / 1000)} seconds; the transfer is stalled.`,
        ),
      );
    }, options.idleTimeoutMs);
    watchdog.unref();
  };
  armWatchdog();
  return meter;
}

async function passThrough(chunk: Buffer, options: ByteMeterOptions, meter: Transform): Promise<void> {
  const pieceSize = Math.min(...options.buckets.map((bucket) => bucket.pieceSize()), chunk.length);
  for (let start = 0; start < chunk.length; start += pieceSize) {
    const piece = chunk.subarray(start, Math.min(chunk.length, start + pieceSize));
    for (const bucket of options.buckets) await bucket.take(piece.length, options.signal);
    meter.push(piece);
    options.onBytes(piece.length);
  }
}
