/**
 * The temporary file a download writes before it becomes the target. It is
 * opened without following links (a link planted under the temporary name
 * cannot redirect the write) and fsynced every few MiB, so after a crash the
 * journal knows how many bytes are really on disk and a resume never trusts
 * bytes that did not survive.
 *
 * A small file (the caller says so, from the size the server announced) is
 * created, written and closed synchronously (see small-files.ts); fsync always
 * goes through the thread pool.
 */
import { close, closeSync, constants, fdatasync, fstat, ftruncate, open, openSync, write, writev, writevSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { returnChunk } from '../protocol/chunk-lease';
import type { InlineMeter } from './byte-meter';
import { SMALL_FILE_BYTES } from './small-files';

const openFile = promisify(open);
const closeFile = promisify(close);
const writeFile = promisify(write);
const writevFile = promisify(writev);
const datasyncFile = promisify(fdatasync);
const statFile = promisify(fstat);
const truncateFile = promisify(ftruncate);

/** Bytes between two fsyncs while writing. */
const SYNC_EVERY_BYTES = 8 * 1024 * 1024;
/**
 * At most this much per system call. Writes of several MiB into the page cache cost far more
 * kernel time than the same bytes in smaller writes (1 GiB: 1.0-2.5 s in 4 MiB writes, about
 * 0.2 s in writes of 512 KiB or less, on the benchmark machine), and the writer gathers up to
 * its 4 MiB buffer when the disk lags behind the network.
 */
const MAX_WRITE_BYTES = 512 * 1024;

/** A writable over a temporary file, starting at an offset. */
export class PartFileWriter extends Writable {
  private fileClosed = false;
  /** The background fsync in progress, if any. */
  private syncing: Promise<void> | null = null;
  private syncError: Error | null = null;

  private constructor(
    /** The open file descriptor (closed exactly once, by syncAndClose). */
    private readonly fd: number,
    /** Write and close without the thread pool (a small file; see small-files.ts). */
    private readonly small: boolean,
    /** Bytes in the file so far. */
    public position: number,
    /** Bytes known to be on disk. */
    public durable: number,
    private readonly onDurable: (bytes: number) => void,
    private readonly meter: InlineMeter | undefined,
  ) {
    super({ highWaterMark: 4 * 1024 * 1024 });
  }

  /**
   * Opens `file` for writing from `offset`: a new file when `offset` is 0 (any
   * old file of that name, which only Ferry makes, is removed first), else the
   * existing one cut to `offset` bytes (anything after it is not trusted).
   * `expectedBytes`, when known, is how many bytes will be written in all; a `meter`
   * is asked before each write (speed limits, progress, stall watchdog).
   */
  static async open(
    file: string,
    offset: number,
    onDurable: (bytes: number) => void,
    options: { expectedBytes?: number; meter?: InlineMeter } = {},
  ): Promise<PartFileWriter> {
    const { expectedBytes, meter } = options;
    const small = expectedBytes !== undefined && expectedBytes <= SMALL_FILE_BYTES;
    const noFollow = constants.O_NOFOLLOW ?? 0;
    if (offset === 0) {
      // O_CREAT | O_EXCL | O_NOFOLLOW: a link or file planted under this name is never written
      // through, and success proves the file is new, empty and regular (no stat or truncate needed).
      const fresh = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow;
      const create = small ? async (name: string, flags: number, mode: number) => openSync(name, flags, mode) : openFile;
      const fd = await create(file, fresh, 0o644).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
        // An old file of that name (only Ferry makes them) is removed, never reused.
        await rm(file, { force: true });
        return create(file, fresh, 0o644);
      });
      return new PartFileWriter(fd, small, 0, 0, onDurable, meter);
    }
    const fd = await openFile(file, constants.O_WRONLY | noFollow);
    try {
      if (!(await statFile(fd)).isFile()) throw new Error(`${file} is not a regular file.`);
      await truncateFile(fd, offset);
    } catch (error) {
      await closeFile(fd).catch(() => undefined);
      throw error;
    }
    return new PartFileWriter(fd, small, offset, offset, onDurable, meter);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeFully([chunk]).then(() => callback(), callback);
  }

  /** Writes everything queued with one system call where possible (the network delivers 64 KiB pieces). */
  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.writeFully(chunks.map((entry) => entry.chunk)).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.syncAndClose().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Keep what arrived before the failure: it is what a resume continues from.
    this.syncAndClose().then(
      () => callback(error),
      () => callback(error),
    );
  }

  private async writeFully(chunks: Buffer[]): Promise<void> {
    this.throwIfSyncFailed();
    let pending = chunks.filter((chunk) => chunk.length > 0);
    const waiting = this.meter?.pass(pending.reduce((sum, chunk) => sum + chunk.length, 0));
    if (waiting) await waiting;
    while (pending.length > 0) {
      const batch = firstBytes(pending, MAX_WRITE_BYTES);
      const bytesWritten = this.small ? writevSync(this.fd, batch, this.position) : await this.writeAsync(batch);
      this.position += bytesWritten;
      pending = remainingAfter(pending, bytesWritten);
    }
    // The bytes are in the file: a producer that lent these buffers may fill them again.
    for (const chunk of chunks) returnChunk(chunk);
    if (this.syncing === null && this.position - this.durable >= SYNC_EVERY_BYTES) this.startSync();
  }

  private async writeAsync(batch: Buffer[]): Promise<number> {
    const { bytesWritten } =
      batch.length === 1 ? await writeFile(this.fd, batch[0]!, 0, batch[0]!.length, this.position) : await writevFile(this.fd, batch, this.position);
    return bytesWritten;
  }

  /**
   * fsyncs in the background while later bytes keep arriving (the disk and the
   * network work at the same time). Only the bytes written before the sync
   * started count as durable when it finishes, so the journal never claims more
   * than is really on disk. A failed sync fails the next write.
   */
  private startSync(): void {
    const covered = this.position;
    this.syncing = datasyncFile(this.fd).then(
      () => {
        this.syncing = null;
        this.durable = covered;
        this.onDurable(covered);
      },
      (error: unknown) => {
        this.syncing = null;
        this.syncError = error as Error;
      },
    );
  }

  private throwIfSyncFailed(): void {
    if (this.syncError) throw this.syncError;
  }

  private async syncAndClose(): Promise<void> {
    if (this.fileClosed) return;
    this.fileClosed = true;
    this.meter?.stop();
    try {
      await this.syncing;
      this.throwIfSyncFailed();
      await datasyncFile(this.fd);
      this.durable = this.position;
      this.onDurable(this.durable);
    } finally {
      // Closing after the fsync has nothing left to flush: cheap enough to do at once for a small file.
      if (this.small) closeSync(this.fd);
      else await closeFile(this.fd);
    }
  }
}

/** Resolves once `writer` closed its file (synced first), e.g. after a failure: the resume record then holds its real length. */
export function untilClosed(writer: PartFileWriter): Promise<void> {
  return writer.closed ? Promise.resolve() : new Promise((resolve) => writer.once('close', () => resolve()));
}

/** The leading chunks of `chunks` up to `limit` bytes (a single larger chunk is cut). */
function firstBytes(chunks: Buffer[], limit: number): Buffer[] {
  const batch: Buffer[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    if (bytes + chunk.length > limit) {
      if (batch.length === 0) batch.push(chunk.subarray(0, limit));
      break;
    }
    batch.push(chunk);
    bytes += chunk.length;
  }
  return batch;
}

/** What is left of `chunks` after the first `written` bytes went out (a short write continues where it stopped). */
function remainingAfter(chunks: Buffer[], written: number): Buffer[] {
  let skip = written;
  let index = 0;
  while (index < chunks.length && skip >= chunks[index]!.length) {
    skip -= chunks[index]!.length;
    index += 1;
  }
  const rest = chunks.slice(index);
  if (rest.length > 0 && skip > 0) rest[0] = rest[0]!.subarray(skip);
  return rest;
}
