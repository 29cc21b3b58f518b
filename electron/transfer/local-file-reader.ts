/**
 * Reads a local file for an upload into a few reused buffers instead of a fresh one per
 * read. Each chunk it pushes is lent (see protocol/chunk-lease): the connection's writer
 * hands it back once the bytes are on their way, and the buffer is filled again. Fresh
 * multi-MiB buffers cost page faults and garbage collection on every read; a consumer that
 * never hands chunks back simply makes the reader allocate, as a plain stream would.
 *
 * A small file sent whole is read with {@link readSmallFile} instead (see small-files.ts).
 */
import { close, closeSync, open, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { BufferPool, lendChunk } from '../protocol/chunk-lease';

const openFile = promisify(open);
const readFile = promisify(read);
const closeFile = promisify(close);

/** Reused buffers kept while idle: enough for what is in flight between disk and socket. */
const MAX_SPARE_BUFFERS = 8;

/** A readable of `file` from byte `start`, in chunks of at most `chunkBytes`. */
export class LocalFileReader extends Readable {
  /** Bytes read so far (from `start`). */
  bytesRead = 0;
  private fd: number | null = null;
  private readonly pool: BufferPool;

  constructor(
    private readonly file: string,
    private readonly start: number,
    chunkBytes: number,
  ) {
    // One chunk ahead of the consumer: the next read overlaps the socket write.
    super({ highWaterMark: chunkBytes });
    this.pool = new BufferPool(chunkBytes, MAX_SPARE_BUFFERS);
  }

  override _construct(callback: (error?: Error | null) => void): void {
    openFile(this.file, 'r').then(
      (fd) => {
        this.fd = fd;
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  override _read(): void {
    const buffer = this.pool.take();
    readFile(this.fd!, buffer, 0, buffer.length, this.start + this.bytesRead).then(
      ({ bytesRead }) => this.deliver(buffer, bytesRead),
      (error: Error) => {
        this.pool.giveBack(buffer);
        this.destroy(error);
      },
    );
  }

  private deliver(buffer: Buffer, bytesRead: number): void {
    if (bytesRead === 0) {
      this.pool.giveBack(buffer);
      this.push(null);
      return;
    }
    this.bytesRead += bytesRead;
    const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    lendChunk(chunk, () => this.pool.giveBack(buffer));
    this.push(chunk);
    // A regular file reads short only at its end: no second read to learn that (a small
    // file is one read). Were it still growing, the upload's size check catches it.
    if (bytesRead < buffer.length) this.push(null);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const fd = this.fd;
    this.fd = null;
    if (fd === null) return callback(error);
    closeFile(fd).then(
      () => callback(error),
      () => callback(error),
    );
  }
}

/**
 * A small file's bytes from `start`, read whole and synchronously (see small-files.ts).
 * Reads one byte more than `expectedBytes` where there is one, so a file that grew since
 * it was measured comes back longer and the caller notices.
 */
export function readSmallFile(file: string, start: number, expectedBytes: number): Buffer {
  const buffer = Buffer.allocUnsafe(expectedBytes + 1);
  const fd = openSync(file, 'r');
  try {
    let filled = 0;
    while (filled < buffer.length) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
