/**
 * Uploads as streams: `openWrite` resolves with a Writable once the server is ready
 * to receive (1xx). Its `finish` comes only after the data connection was closed
 * cleanly AND the server confirmed with 2xx; a refusal at any point (552 disk full,
 * 426, a lost connection, a data-idle timeout) makes it error instead.
 *
 * Resume (`offset > 0`) uses APPE. When the server has SIZE, Ferry first checks that
 * the remote file holds exactly `offset` bytes: appending to a file of another size
 * would silently corrupt it.
 */
import { returnChunk } from '../chunk-lease';
import { Writable } from 'node:stream';
import { FerryError } from '../../../shared/errors';
import type { UploadWritable, WriteOptions } from '../remote-fs';
import { ftpCommand, type FtpCommand } from './command';
import { formatSeconds } from './tcp';
import { dataEnd } from './data-end';
import { IdleTimer } from './idle-timer';
import { LOCAL_USES_CRLF, ToWireLineEndings } from './line-endings';
import { isCompletion, isPreliminary, replyText, sizeFromReply, type FtpReply } from './reply';
import { errorFromReply } from './reply-errors';
import { setTransferType, type FtpSession } from './session';
import { abortTransfer, hardClose, openTransfer, type OpenedTransfer, type TransferRequest } from './transfer';

/** Starts an upload to `remotePath`; see the file comment. */
export async function openUpload(session: FtpSession, remotePath: string, options: WriteOptions = {}): Promise<UploadWritable> {
  const offset = options.offset ?? 0;
  const mode = options.mode ?? 'binary';
  if (!Number.isSafeInteger(offset) || offset < 0) throw new FerryError('INVALID_INPUT', `${offset} is not a valid resume offset.`);
  if (offset > 0 && mode === 'ascii') {
    throw new FerryError('UNSUPPORTED', 'An ASCII-mode upload cannot resume (line-ending conversion changes the byte count); start it again from the beginning.');
  }
  if (options.signal?.aborted) throw new FerryError('CANCELLED', 'The upload was cancelled.');
  const request: TransferRequest = {
    command: ftpCommand(offset > 0 ? 'APPE' : 'STOR', remotePath),
    what: `upload ${remotePath}`,
    action: 'create',
  };
  const release = await session.ctl.acquire();
  let opened: OpenedTransfer;
  try {
    session.ctl.assertOpen();
    await setTransferType(session, mode);
    if (offset > 0 && session.capabilities.size) await checkRemoteSize(session, remotePath, offset);
    opened = await openTransfer(session, request);
  } catch (error) {
    release();
    throw error;
  }
  // The size check after the upload goes out with its end (binary only: ASCII changes sizes).
  const sizeCommand = mode === 'binary' && session.capabilities.size ? ftpCommand('SIZE', remotePath) : null;
  return new UploadStream(session, opened, request, mode, release, options.signal, sizeCommand);
}

async function checkRemoteSize(session: FtpSession, remotePath: string, offset: number): Promise<void> {
  const reply = await session.ctl.command(ftpCommand('SIZE', remotePath));
  if (reply.code !== 213) throw errorFromReply(reply, `resume the upload of ${remotePath}`, 'read');
  const size = sizeFromReply(reply);
  if (size !== offset) {
    throw new FerryError(
      'CONFLICT',
      `Cannot resume the upload of ${remotePath} at byte ${offset}: the remote file holds ${size ?? 'an unknown number of'} bytes. Start again from the beginning.`,
    );
  }
}

class UploadStream extends Writable implements UploadWritable {
  /** See UploadWritable: asked together with the end of the upload (one round trip less per file). */
  sizeOnServer: number | null | undefined = undefined;
  private sent = 0;
  private settled = false;
  private finishing = false;
  private failure: FerryError | null = null;
  private readonly idle: IdleTimer;
  private readonly lineEndings: ToWireLineEndings | null;
  /** The server's next reply, watched during the upload: it may refuse half-way (552, 426). */
  private readonly serverReply: Promise<FtpReply>;
  private readonly onAbortSignal = (): void => this.fail(new FerryError('CANCELLED', 'The upload was cancelled.'), true);

  constructor(
    private readonly session: FtpSession,
    private readonly opened: OpenedTransfer,
    private readonly request: TransferRequest,
    mode: 'binary' | 'ascii',
    private readonly release: () => void,
    private readonly signal: AbortSignal | undefined,
    /** SIZE of the uploaded file, sent right after the last byte; null: not asked. */
    private readonly sizeCommand: FtpCommand | null,
  ) {
    super({ highWaterMark: 1024 * 1024 });
    this.lineEndings = mode === 'ascii' && !LOCAL_USES_CRLF ? new ToWireLineEndings() : null;
    const limit = session.timeouts.dataIdleMs;
    this.idle = new IdleTimer(limit, () =>
      this.fail(new FerryError('TIMEOUT', `The upload stalled: the server took no data for ${formatSeconds(limit)}. Ferry aborted it.`), true),
    );
    const socket = opened.socket;
    socket.on('error', (error: Error) => this.session.log.status(`Data connection: ${error.message}`));
    void dataEnd(socket).then(() => {
      if (!this.finishing) this.fail(new FerryError('CONNECTION_LOST', `Could not ${request.what}: the server closed the data connection after ${this.sent} bytes.`), false, true);
    });
    this.serverReply = opened.earlyFinal ? Promise.resolve(opened.earlyFinal) : session.ctl.nextReply();
    this.serverReply.then(
      (reply) => {
        if (this.finishing || this.settled) return;
        // A final reply before we finished sending: a refusal (or a premature "done").
        const error = isCompletion(reply)
          ? new FerryError('PROTOCOL_ERROR', `Could not ${request.what}: the server ended the upload before all bytes were sent (${replyText(reply)}).`, replyText(reply))
          : errorFromReply(reply, request.what, 'create');
        this.fail(error, false);
      },
      (error: unknown) => this.fail(asFerryError(error), false),
    );
    signal?.addEventListener('abort', this.onAbortSignal, { once: true });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.failure) return callback(this.failure);
    const out = this.lineEndings ? this.lineEndings.convert(chunk) : chunk;
    this.sent += out.length;
    // A lent chunk goes back once the socket is done with it (a converted copy: at once).
    if (out !== chunk) returnChunk(chunk);
    const written = this.opened.socket.write(out, () => {
      if (out === chunk) returnChunk(chunk);
    });
    if (written) return callback();
    // The server is slower than us: wait for it, and only now count idle time.
    this.idle.touch();
    const socket = this.opened.socket;
    const onDrain = (): void => {
      socket.off('close', onClose);
      this.idle.pause();
      callback(this.failure);
    };
    // On close the constructor's handler fails (and destroys) the stream; only stop waiting here.
    const onClose = (): void => {
      socket.off('drain', onDrain);
    };
    socket.once('drain', onDrain);
    socket.once('close', onClose);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.failure) return callback(this.failure);
    this.finishing = true;
    this.idle.touch();
    // end() flushes, then closes (with TLS close_notify): the server sees a clean end of file.
    this.opened.socket.end(() => {
      this.idle.stop();
      // Pipelined: the server answers SIZE after it confirmed (or refused) the upload.
      const sizeAsked = this.sizeCommand !== null && this.session.ctl.isOpen && !this.failure;
      if (sizeAsked) this.session.ctl.send(this.sizeCommand!);
      void this.awaitConfirmation(sizeAsked).then(
        () => callback(),
        (error: unknown) => callback(asFerryError(error)),
      );
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.settled) {
      this.settle();
      void abortTransfer(this.session, this.opened, 'the upload was stopped').finally(this.release);
    }
    callback(error);
  }

  private async awaitConfirmation(sizeAsked: boolean): Promise<void> {
    if (this.failure) throw this.failure;
    try {
      let reply = await this.session.ctl.withTimeout(this.serverReply, `the end of: ${this.request.what}`);
      while (isPreliminary(reply)) reply = await this.session.ctl.readReply(`the end of: ${this.request.what}`);
      const confirmed = isCompletion(reply);
      // The SIZE reply follows either way; read it before the connection answers anything else.
      if (sizeAsked) {
        const size = await this.session.ctl.finalReply('SIZE');
        this.sizeOnServer = sizeFromReply(size);
      }
      if (!confirmed) throw errorFromReply(reply, this.request.what, 'create');
    } catch (error) {
      const failure = asFerryError(error);
      this.failure = failure;
      if (!this.settled) {
        this.settle();
        hardClose(this.opened);
        this.release();
      }
      throw failure;
    }
    if (this.settled) throw this.failure ?? new FerryError('CANCELLED', 'The upload was stopped.');
    this.settle();
    this.release();
    this.session.log.status(`Uploaded ${this.sent} bytes.`);
  }

  /**
   * Ends the transfer with `error`. `abort` sends ABOR (the server may still expect
   * data); `readReply` waits for the server's verdict first (it closed the data connection).
   */
  private fail(error: FerryError, abort: boolean, readReply = false): void {
    if (this.settled) return;
    this.failure = error;
    this.settle();
    if (abort) {
      void abortTransfer(this.session, this.opened, error.message).finally(this.release);
    } else if (readReply) {
      // The server closed the data connection: its final reply says why (552 disk full,
      // 426 …). Read it, so the control connection stays in step and the error is the server's.
      hardClose(this.opened);
      void this.session.ctl
        .withTimeout(this.serverReply, `the end of: ${this.request.what}`)
        .then(async (reply) => {
          if (isPreliminary(reply)) {
            await abortTransfer(this.session, null, 'the data connection closed early');
            return error;
          }
          return isCompletion(reply) ? error : errorFromReply(reply, this.request.what, 'create');
        })
        .catch(() => error)
        .then((verdict) => {
          this.failure = verdict;
          this.release();
          this.destroy(verdict);
        });
      return;
    } else {
      hardClose(this.opened);
      this.release();
    }
    this.destroy(error);
  }

  private settle(): void {
    this.settled = true;
    this.idle.stop();
    this.signal?.removeEventListener('abort', this.onAbortSignal);
  }
}

function asFerryError(error: unknown): FerryError {
  return error instanceof FerryError ? error : new FerryError('CONNECTION_LOST', (error as Error).message ?? String(error));
}
