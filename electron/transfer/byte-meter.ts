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
  // The watchdog is one timer that re-arms itself from the time of the last
  // byte, instead of a new timer per chunk (that cost showed at 1 GB/s).
  let watchdog: NodeJS.Timeout | null = null;
  let lastActivity = performance.now();
  let waitingForLimit = false;
  const stopWatchdog = (): void => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = null;
  };
  const onWatchdog = (): void => {
    watchdog = null;
    // Waiting for the speed limit does not count as a stall.
    const quietFor = waitingForLimit ? 0 : performance.now() - lastActivity;
    if (quietFor >= options.idleTimeoutMs) {
      meter.destroy(
        new FerryError(
          'TIMEOUT',
          `No data arrived for ${Math.round(options.idleTimeoutMs / 1000)} seconds; the transfer is stalled.`,
        ),
      );
      return;
    }
    watchdog = setTimeout(onWatchdog, options.idleTimeoutMs - quietFor);
    watchdog.unref();
  };
  const meter: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      lastActivity = performance.now();
      if (options.buckets.every((bucket) => bucket.passesFreely)) {
        // No limit in force: pass the chunk on at once, without a promise per chunk.
        meter.push(chunk);
        options.onBytes(chunk.length);
        callback();
        return;
      }
      waitingForLimit = true;
      passThrough(chunk, options, meter).then(
        () => {
          waitingForLimit = false;
          lastActivity = performance.now();
          callback();
        },
        (error: unknown) => {
          waitingForLimit = false;
          callback(error as Error);
        },
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
  watchdog = setTimeout(onWatchdog, options.idleTimeoutMs);
  watchdog.unref();
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
