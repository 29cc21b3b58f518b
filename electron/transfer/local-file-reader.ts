/**
 * Reads a local file for an upload into a few reused buffers instead of a fresh one per
 * read. Each chunk it pushes is lent (see protocol/chunk-lease): the connection's writer
 * hands it back once the bytes are on their way, and the buffer is filled again. Fresh
 * multi-MiB buffers cost page faults and garbage collection on every read; a consumer that
 * never hands chunks back simply makes the reader allocate, as a plain stream would.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BufferPool, lendChunk } from '../protocol/chunk-lease';

/** Reused buffers kept while idle: enough for what is in flight between disk and socket. */
const MAX_SPARE_BUFFERS = 8;

/** A readable of `file` from byte `start`, in chunks of at most `chunkBytes`. */
export class LocalFileReader extends Readable {
  /** Bytes read so far (from `start`). */
  bytesRead = 0;
  private handle: FileHandle | null = null;
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
    open(this.file, 'r').then(
      (handle) => {
        this.handle = handle;
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  override _read(): void {
    const buffer = this.pool.take();
    this.handle!.read(buffer, 0, buffer.length, this.start + this.bytesRead).then(
      ({ bytesRead }) => {
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
      },
      (error: Error) => this.destroy(error),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const handle = this.handle;
    this.handle = null;
    if (!handle) return callback(error);
    handle.close().then(
      () => callback(error),
      () => callback(error),
    );
  }
}
