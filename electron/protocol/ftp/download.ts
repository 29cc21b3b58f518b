/**
 * Downloads as streams: `openRead` resolves with a Readable once the server started
 * sending (1xx), and that stream
 * - ends only after the data connection ended AND the server confirmed with 2xx;
 * - errors on 426/451/5xx (even after partial data), on a lost data or control
 *   connection, on a data-idle timeout, and when fewer bytes came than SIZE (or the
 *   150 reply) announced: "server sent fewer bytes than it announced";
 * - respects backpressure: the data socket is paused while the consumer is full, so
 *   a 10 GB file never sits in memory (and the idle limit does not count that time).
 * Destroying the stream early (or aborting its signal) aborts the transfer (ABOR).
 * The control connection stays reserved for this download until the stream settles.
 */
import { Readable } from 'node:stream';
import { FerryError } from '../../../shared/errors';
import type { ReadOptions } from '../remote-fs';
import { ftpCommand } from './command';
import { formatSeconds } from './tcp';
import { dataEnd } from './data-end';
import { IdleTimer } from './idle-timer';
import { POOLED_READS_MIN_BYTES, PooledReads } from './pooled-reads';
import { FromWireLineEndings, LOCAL_USES_CRLF } from './line-endings';
import { replyText, sizeFromReply } from './reply';
import { errorFromReply } from './reply-errors';
import { setTransferType, type FtpSession } from './session';
import { abortTransfer, finalReply, hardClose, openTransfer, type OpenedTransfer, type TransferRequest } from './transfer';

/** Starts a download of `remotePath`; see the file comment. */
export async function openDownload(session: FtpSession, remotePath: string, options: ReadOptions = {}): Promise<Readable> {
  const offset = options.offset ?? 0;
  const mode = options.mode ?? 'binary';
  checkOffset(offset, mode);
  throwIfCancelled(options.signal);
  const request: TransferRequest = { command: ftpCommand('RETR', remotePath), what: `download ${remotePath}`, action: 'read', restOffset: offset };
  const release = await session.ctl.acquire();
  let opened: OpenedTransfer;
  let expected: number | null = null;
  try {
    session.ctl.assertOpen();
    throwIfCancelled(options.signal);
    await setTransferType(session, mode);
    // A size the caller just listed saves a round trip per file (it checks the byte count itself).
    const listed = mode === 'binary' && offset === 0 && options.listedSize !== undefined;
    if (mode === 'binary' && session.capabilities.size && !listed) expected = await announcedRemainder(session, remotePath, offset);
    // Binary downloads that are not known to be small read into reused buffers (pooled-reads.ts).
    const knownSize = listed ? (options.listedSize ?? null) : expected;
    const pooled = mode === 'binary' && (knownSize === null || knownSize >= POOLED_READS_MIN_BYTES);
    opened = await openTransfer(session, request, pooled ? new PooledReads() : undefined);
    // Without SIZE, many servers say the size in the 150 reply: "(1234 bytes)"; it is fresher than a listing.
    if (expected === null && mode === 'binary' && offset === 0) expected = sizeInPreliminary(replyText(opened.preliminary)) ?? options.listedSize ?? null;
  } catch (error) {
    release();
    throw error;
  }
  return new DownloadStream(session, opened, request, expected, mode, release, options.signal);
}

/** Refuses offsets that cannot work: negative, fractional, or in ASCII mode (sizes change with line endings). */
function checkOffset(offset: number, mode: 'binary' | 'ascii'): void {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new FerryError('INVALID_INPUT', `${offset} is not a valid resume offset.`);
  if (offset > 0 && mode === 'ascii') {
    throw new FerryError('UNSUPPORTED', 'An ASCII-mode transfer cannot resume (line-ending conversion changes the byte count); start it again from the beginning.');
  }
}

/** SIZE minus the offset; NOT_FOUND early for a missing file; null when the server will not say. */
async function announcedRemainder(session: FtpSession, remotePath: string, offset: number): Promise<number | null> {
  const reply = await session.ctl.command(ftpCommand('SIZE', remotePath));
  if (reply.code === 213) {
    const size = sizeFromReply(reply);
    if (size === null) return null;
    if (size < offset) {
      throw new FerryError('CONFLICT', `Cannot resume ${remotePath} at byte ${offset}: the remote file now holds only ${size} bytes. Start again from the beginning.`);
    }
    return size - offset;
  }
  if (reply.code === 550) {
    const error = errorFromReply(reply, `download ${remotePath}`, 'read');
    if (error.code === 'NOT_FOUND') throw error;
  }
  return null;
}

/** `150 Opening BINARY mode data connection for a.bin (1234 bytes).` → 1234. */
export function sizeInPreliminary(text: string): number | null {
  const match = /\((\d+)\s+bytes?\)/i.exec(text);
  const size = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(size) ? size : null;
}

class DownloadStream extends Readable {
  private received = 0;
  private settled = false;
  private dataDone = false;
  private readonly idle: IdleTimer;
  private readonly lineEndings: FromWireLineEndings | null;
  private readonly stopWatchingControl: () => void;
  private readonly onAbortSignal = (): void => this.fail(new FerryError('CANCELLED', `The download was cancelled.`), true);

  constructor(
    private readonly session: FtpSession,
    private readonly opened: OpenedTransfer,
    private readonly request: TransferRequest,
    private readonly expected: number | null,
    mode: 'binary' | 'ascii',
    private readonly release: () => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    super({ highWaterMark: 256 * 1024 });
    this.lineEndings = mode === 'ascii' && !LOCAL_USES_CRLF ? new FromWireLineEndings() : null;
    const limit = session.timeouts.dataIdleMs;
    this.idle = new IdleTimer(limit, () =>
      this.fail(new FerryError('TIMEOUT', `The download stalled: no data for ${formatSeconds(limit)}. Ferry aborted it.`), true),
    );
    const socket = opened.socket;
    if (opened.reads) opened.reads.attach(socket, (chunk) => this.onData(chunk));
    else socket.on('data', (chunk: Buffer) => this.onData(chunk));
    void dataEnd(socket).then((clean) => this.onDataEnd(clean));
    socket.on('error', (error: Error) => this.session.log.status(`Data connection: ${error.message}`));
    this.stopWatchingControl = session.ctl.onClose((error) =>
      this.fail(error instanceof FerryError ? error : new FerryError('CONNECTION_LOST', 'The connection was closed during the download.'), false),
    );
    signal?.addEventListener('abort', this.onAbortSignal, { once: true });
    this.idle.touch();
  }

  override _read(): void {
    if (this.settled || this.dataDone) return;
    this.opened.socket.resume();
    this.idle.touch();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.settled) {
      // The consumer gave up before the end: abort on the server too.
      this.settle();
      void abortTransfer(this.session, this.opened, 'the download was stopped').finally(this.release);
    }
    callback(error);
  }

  /** Takes a chunk from the network; false when the consumer is full (reading pauses). */
  private onData(chunk: Buffer): boolean {
    if (this.settled) return true;
    this.received += chunk.length;
    this.idle.touch();
    const out = this.lineEndings ? this.lineEndings.convert(chunk) : chunk;
    if (this.push(out)) return true;
    // Backpressure: stop reading from the network; the idle limit does not count our wait.
    this.opened.socket.pause();
    this.idle.pause();
    return false;
  }

  private async onDataEnd(clean: boolean): Promise<void> {
    if (this.dataDone || this.settled) return;
    this.dataDone = true;
    this.idle.stop();
    try {
      await finalReply(this.session, this.opened, this.request);
      if (!clean) {
        throw new FerryError('CONNECTION_LOST', `Could not ${this.request.what}: the data connection broke after ${this.received} bytes.`);
      }
      if (this.expected !== null && this.received < this.expected) {
        throw new FerryError(
          'CONNECTION_LOST',
          `Could not ${this.request.what}: the server sent fewer bytes than it announced (${this.received} of ${this.expected}).`,
        );
      }
      if (this.expected !== null && this.received > this.expected) {
        this.session.log.warning(`The server sent ${this.received} bytes, more than the ${this.expected} it announced; the file may have changed during the download.`);
      }
    } catch (error) {
      this.fail(asFerryError(error), false);
      return;
    }
    if (this.settled) return;
    this.settle();
    this.release();
    if (this.lineEndings) {
      const tail = this.lineEndings.flush();
      if (tail.length > 0) this.push(tail);
    }
    this.session.log.status(`Downloaded ${this.received} bytes.`);
    this.push(null);
  }

  /** Ends the transfer with `error`; `abort` sends ABOR when the server may still be sending. */
  private fail(error: FerryError, abort: boolean): void {
    if (this.settled) return;
    this.settle();
    if (abort) void abortTransfer(this.session, this.opened, error.message).finally(this.release);
    else {
      hardClose(this.opened);
      this.release();
    }
    this.destroy(error);
  }

  private settle(): void {
    this.settled = true;
    this.idle.stop();
    this.stopWatchingControl();
    this.signal?.removeEventListener('abort', this.onAbortSignal);
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FerryError('CANCELLED', 'The transfer was cancelled.');
}

function asFerryError(error: unknown): FerryError {
  return error instanceof FerryError ? error : new FerryError('CONNECTION_LOST', (error as Error).message ?? String(error));
}
