/**
 * Reads a plain (unencrypted) download's data connection into a few reused buffers of
 * 256 KiB, through net.Socket's `onread` option, instead of a fresh 64 KiB buffer per read.
 * Fewer, larger chunks pass through the streams, and no buffer is left to the garbage
 * collector (on the benchmark machine a 1 GiB download spent about a tenth of its time in
 * collections of those buffers). Each chunk is lent (see protocol/chunk-lease): the file
 * writer hands it back once its bytes are written, and it is read into again.
 *
 * A read that fills little of its buffer (a slow link) is copied out instead, so a few
 * bytes never pin a large buffer. Files known to be smaller than {@link POOLED_READS_MIN_BYTES}
 * read as before: buffers of their own would cost them more than they save. Bytes that arrive before the download's stream is ready
 * are held (the server may send right after the data connection opens), and reading stops
 * while more than a buffer's worth waits there.
 */
import type net from 'node:net';
import { BufferPool, lendChunk } from '../chunk-lease';

/** Bytes per read. */
const READ_BYTES = 256 * 1024;
/** Downloads known to be smaller than this do not use pooled reads (see the file comment). */
export const POOLED_READS_MIN_BYTES = 1024 * 1024;
/** Idle buffers kept for reuse. */
const SPARE_BUFFERS = 32;

/** The reading side of one data connection; see the file comment. */
export class PooledReads {
  private readonly pool = new BufferPool(READ_BYTES, SPARE_BUFFERS);
  private sink: ((chunk: Buffer) => boolean) | null = null;
  private readonly early: Buffer[] = [];
  private earlyBytes = 0;

  /** The `onread` option for net.connect. */
  readonly onread = {
    buffer: (): Buffer => this.pool.take(),
    callback: (bytes: number, buffer: Uint8Array): boolean => this.deliver(bytes, buffer as Buffer),
  };

  /**
   * Delivers the bytes read so far and from now on to `sink`, which returns false when it
   * wants no more for now (reading stops until `socket.resume()`).
   */
  attach(socket: net.Socket, sink: (chunk: Buffer) => boolean): void {
    this.sink = sink;
    const early = this.early.splice(0);
    this.earlyBytes = 0;
    let wantsMore = true;
    for (const chunk of early) wantsMore = sink(chunk);
    if (wantsMore) socket.resume();
  }

  private deliver(bytes: number, buffer: Buffer): boolean {
    let chunk: Buffer;
    if (bytes < buffer.length / 4) {
      chunk = Buffer.from(buffer.subarray(0, bytes));
      this.pool.giveBack(buffer);
    } else {
      chunk = buffer.subarray(0, bytes);
      lendChunk(chunk, () => this.pool.giveBack(buffer));
    }
    if (this.sink) return this.sink(chunk);
    this.early.push(chunk);
    this.earlyBytes += chunk.length;
    return this.earlyBytes < READ_BYTES;
  }
}
