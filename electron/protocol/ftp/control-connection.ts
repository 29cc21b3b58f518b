/**
 * The control connection: one socket (plain, then perhaps TLS), the reply parser,
 * replies handed to whoever waits for them, timeouts, and the task queue that keeps
 * commands strictly sequential.
 *
 * Any failure of the connection itself (timeout, protocol violation, socket closed)
 * fails it for good: the socket is destroyed, the waiting caller gets the error, and
 * `onClose` listeners hear it once. A half-synchronised FTP connection is never reused.
 */
import type net from 'node:net';
import type tls from 'node:tls';
import { FerryError } from '../../../shared/errors';
import type { Charset } from './charset';
import type { FtpCommand } from './command';
import type { FtpLog } from './log';
import { isPreliminary, replyText, type FtpReply } from './reply';
import { ReplyParser } from './reply-parser';
import { TaskQueue } from './task-queue';
import { connectTcp, formatSeconds } from './tcp';

const CRLF = Buffer.from('\r\n');

/** Options of {@link ControlConnection.open}. */
export interface ControlOptions {
  host: string;
  port: number;
  charset: Charset;
  log: FtpLog;
  /** Limit for the TCP connect (and an implicit TLS handshake). */
  connectMs: number;
  /** Default limit for each reply. */
  replyMs: number;
  signal?: AbortSignal;
  /** Implicit FTPS: wraps the fresh TCP socket in TLS before the greeting is read. */
  secureAtOnce?: (plain: net.Socket) => Promise<tls.TLSSocket>;
}

/** At most this many replies may wait unread while a task runs (a flood is a protocol error). */
const MAX_QUEUED_REPLIES = 64;

/** See the file comment. */
export class ControlConnection {
  /** Serialises tasks; see {@link TaskQueue}. */
  readonly queue = new TaskQueue();
  private socket: net.Socket;
  private tlsSocket: tls.TLSSocket | null = null;
  private parser: ReplyParser;
  private readonly replies: FtpReply[] = [];
  private waiter: { resolve: (reply: FtpReply) => void; reject: (error: Error) => void } | null = null;
  private failure: FerryError | null = null;
  private closedByUs = false;
  private last421: FtpReply | null = null;
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private latestSession: Buffer | null = null;
  private waitedForSession = false;
  /** Until login is done every reply is kept for the login sequence to read. */
  keepUnsolicited = true;

  private constructor(
    socket: net.Socket,
    private readonly options: ControlOptions,
  ) {
    this.socket = socket;
    this.parser = this.newParser();
    this.attach(socket);
  }

  /** Connects (TCP, and TLS at once for implicit FTPS). Rejects with CONNECTION_REFUSED, TIMEOUT or CANCELLED. */
  static async open(options: ControlOptions): Promise<ControlConnection> {
    const { host, port, log } = options;
    log.status(`Connecting to ${host.includes(':') ? `[${host}]` : host}:${port}…`);
    const plain = await connectTcp(host, port, options.connectMs, options.signal, 'the server');
    let socket: net.Socket = plain;
    if (options.secureAtOnce) {
      try {
        socket = await options.secureAtOnce(plain);
      } catch (error) {
        plain.destroy();
        throw error;
      }
    }
    const connection = new ControlConnection(socket, options);
    if (socket !== plain) connection.adoptTls(socket as tls.TLSSocket);
    log.status(`Connected to ${plain.remoteAddress ?? host}:${plain.remotePort ?? port}.`);
    return connection;
  }

  /** True until the connection failed or was closed. */
  get isOpen(): boolean {
    return this.failure === null;
  }

  /** The server as the user named it, `host:port`: what per-server memory is keyed by. */
  get server(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** The server's address as connected (data connections go here by default). */
  get remoteAddress(): string {
    return this.socket.remoteAddress ?? this.options.host;
  }

  /** Our side's address (active mode listens here). */
  get localAddress(): string {
    return this.socket.localAddress ?? '127.0.0.1';
  }

  /** The TLS socket when the control connection is encrypted. */
  get secureSocket(): tls.TLSSocket | null {
    return this.tlsSocket;
  }

  /** The newest TLS session of the control connection, for data connections to resume. */
  get tlsSession(): Buffer | undefined {
    return this.latestSession ?? this.tlsSocket?.getSession() ?? undefined;
  }

  /**
   * The TLS session for a data connection to resume. With TLS 1.3 the server sends its
   * session ticket after the handshake; if none has arrived yet, wait for it (once per
   * connection, at most `timeoutMs`: some servers send none) instead of starting a data
   * connection that a server like vsftpd with require_ssl_reuse would refuse.
   */
  async sessionForData(timeoutMs: number): Promise<Buffer | undefined> {
    const socket = this.tlsSocket;
    if (!socket || this.latestSession || this.waitedForSession || socket.getProtocol() !== 'TLSv1.3') return this.tlsSession;
    this.waitedForSession = true;
    this.options.log.status('Waiting for the TLS session ticket before opening a data connection…');
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        socket.off('session', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      socket.on('session', done);
    });
    return this.tlsSession;
  }

  /** The log this connection writes to. */
  get log(): FtpLog {
    return this.options.log;
  }

  /** The charset of commands and replies. */
  get charset(): Charset {
    return this.options.charset;
  }

  /** The default reply limit in milliseconds. */
  get replyMs(): number {
    return this.options.replyMs;
  }

  /**
   * Waits for this connection to be free and reserves it; call the returned function
   * once to free it. Replies still buffered at that point answer nothing the new task
   * asked (a server that sent one reply too many): they are logged and dropped, so they
   * cannot be taken as the answer to the task's first command.
   */
  async acquire(): Promise<() => void> {
    const release = await this.queue.acquire();
    if (this.replies.length > 0) {
      for (const reply of this.replies) this.options.log.warning(`Ignored a reply nobody asked for: ${replyText(reply)}`);
      this.replies.length = 0;
    }
    return release;
  }

  /** Runs `task` with the connection reserved (see {@link acquire}). */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  /**
   * Writes commands, several in one write (pipelined: the server answers them in order;
   * each write to a local server costs a system call and a wake-up of the server).
   * Nothing is sent when one of them cannot be. Rejects nothing: a dead connection makes
   * the next read fail.
   */
  send(...commands: FtpCommand[]): void {
    this.assertOpen();
    const lines: Buffer[] = [];
    for (const command of commands) {
      const bytes = this.options.charset.encode(command.line);
      // A charset could in theory map a character to a CR/LF/NUL byte: check the bytes too.
      if (bytes.includes(0x0d) || bytes.includes(0x0a) || bytes.includes(0x00)) {
        throw new FerryError('INVALID_INPUT', `Ferry refused to send "${command.logText}": in ${this.options.charset.name} it would contain a line break or NUL byte.`);
      }
      lines.push(bytes, CRLF);
    }
    for (const command of commands) this.options.log.write('command', command.logText);
    this.socket.write(Buffer.concat(lines));
  }

  /** The next reply (1xx included), waiting without a limit; see {@link withTimeout}. */
  nextReply(): Promise<FtpReply> {
    if (this.failure) return Promise.reject(this.failure);
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.waiter) return Promise.reject(new FerryError('INTERNAL', 'Two readers waited for the same FTP reply.'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  /**
   * Stops waiting for a reply that {@link nextReply} is still waiting for (its promise
   * rejects with CANCELLED), so another read can start. The task that owns the
   * connection uses this when it abandons a transfer; the next read then sees the
   * reply the old reader would have seen.
   */
  releaseReader(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(new FerryError('CANCELLED', 'Stopped waiting for this reply.'));
  }

  /** The next reply within `timeoutMs` (default: the reply limit); TIMEOUT fails the connection. */
  readReply(waitingFor: string, timeoutMs = this.options.replyMs): Promise<FtpReply> {
    return this.withTimeout(this.nextReply(), waitingFor, timeoutMs);
  }

  /**
   * Sends `command` and resolves with its final reply (1xx replies are logged and
   * skipped). Use for commands without a data connection.
   */
  async command(command: FtpCommand, timeoutMs = this.options.replyMs): Promise<FtpReply> {
    this.send(command);
    return this.finalReply(command.logText, timeoutMs);
  }

  /**
   * The next final reply (1xx replies are logged and skipped), for a command already sent
   * with {@link send}; `what` names the command in a timeout message.
   */
  async finalReply(what: string, timeoutMs = this.options.replyMs): Promise<FtpReply> {
    for (;;) {
      const reply = await this.readReply(`the reply to ${what}`, timeoutMs);
      if (!isPreliminary(reply)) return reply;
    }
  }

  /**
   * `promise`, or a TIMEOUT after `timeoutMs`. A timeout fails the whole connection:
   * after a lost reply the command/reply sequence cannot be trusted any more.
   */
  withTimeout<T>(promise: Promise<T>, waitingFor: string, timeoutMs = this.options.replyMs): Promise<T> {
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return promise;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new FerryError(
          'TIMEOUT',
          `The server did not answer within ${formatSeconds(timeoutMs)} (waiting for ${waitingFor}); Ferry closed the connection.`,
        );
        this.fail(error);
        reject(error);
      }, timeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /**
   * Switches to TLS after `AUTH TLS` got 234. `secure` runs the handshake and the
   * certificate check on the plain socket and resolves with the TLS socket.
   *
   * Security: anything the server (or someone in between) sent after the 234 and
   * before the handshake is dropped, buffered replies included. Such bytes arrived
   * unencrypted and must never be read as replies of the secure session
   * (the STARTTLS command-injection attack).
   */
  async upgradeToTls(secure: (plain: net.Socket) => Promise<tls.TLSSocket>): Promise<void> {
    this.assertOpen();
    const plain = this.socket;
    this.detach(plain);
    // The TLS socket reports failures from now on; keep a stray error on the wrapped
    // socket from crashing the process.
    plain.on('error', () => {});
    const dropped = this.parser.reset() + this.replies.reduce((sum, r) => sum + replyText(r).length, 0);
    this.replies.length = 0;
    if (dropped > 0) this.options.log.warning(`Dropped ${dropped} bytes the server sent before the TLS handshake.`);
    this.parser = this.newParser();
    let secured: tls.TLSSocket;
    try {
      secured = await secure(plain);
    } catch (error) {
      const failure = error instanceof FerryError ? error : new FerryError('CONNECTION_LOST', `The TLS handshake failed: ${(error as Error).message}`);
      this.fail(failure);
      throw failure;
    }
    if (this.failure) {
      secured.destroy();
      throw this.failure;
    }
    this.socket = secured;
    this.attach(secured);
    this.adoptTls(secured);
  }

  /** Listens for the connection's end; `error` is absent after a polite close. Returns an unsubscribe function. */
  onClose(listener: (error?: Error) => void): () => void {
    if (this.failure) {
      queueMicrotask(() => listener(this.closedByUs ? undefined : this.failure ?? undefined));
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Sends QUIT, waits briefly for the goodbye, and closes. Never rejects. */
  async quit(timeoutMs = 2_000): Promise<void> {
    if (this.failure) return;
    try {
      this.send({ verb: 'QUIT', line: 'QUIT', logText: 'QUIT' });
      await Promise.race([
        this.nextReply().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    } catch {
      // Closing anyway.
    }
    this.close();
  }

  /** Closes at once (no QUIT). */
  close(): void {
    if (this.failure) return;
    this.closedByUs = true;
    this.fail(new FerryError('CONNECTION_LOST', 'The connection was closed.'));
  }

  /** Fails the connection with `error`: destroys the socket, rejects the reader, tells listeners once. */
  fail(error: FerryError): void {
    if (this.failure) return;
    this.failure = error;
    if (!this.closedByUs) this.options.log.error(error.message);
    else this.options.log.status('Disconnected.');
    this.socket.destroy();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(error);
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) {
      try {
        listener(this.closedByUs ? undefined : error);
      } catch {
        // A listener's bug must not break the engine.
      }
    }
  }

  /** Throws the connection's failure, or CONNECTION_LOST, when it is not open. */
  assertOpen(): void {
    if (this.failure) {
      throw this.closedByUs
        ? new FerryError('CONNECTION_LOST', 'The connection is closed.')
        : this.failure;
    }
  }

  private newParser(): ReplyParser {
    return new ReplyParser({ decode: (bytes) => this.options.charset.decode(bytes), onReply: (reply) => this.deliver(reply) });
  }

  private deliver(reply: FtpReply): void {
    for (const line of reply.lines) this.options.log.write('response', line);
    if (reply.code === 421) this.last421 = reply;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      waiter.resolve(reply);
      return;
    }
    if (this.keepUnsolicited || this.queue.busy) {
      if (this.replies.length >= MAX_QUEUED_REPLIES) {
        throw new FerryError('PROTOCOL_ERROR', 'The server sent many replies nobody asked for; Ferry closed the connection.');
      }
      this.replies.push(reply);
      return;
    }
    // Between tasks nobody expects a reply. 421 is the server's goodbye (idle timeout,
    // shutdown); anything else is noise and is not allowed to answer a later command.
    if (reply.code === 421) {
      this.fail(new FerryError('CONNECTION_LOST', `The server closed the connection: ${replyText(reply)}`, replyText(reply)));
    } else {
      this.options.log.warning(`Ignored a reply nobody asked for: ${replyText(reply)}`);
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    try {
      this.parser.feed(chunk);
    } catch (error) {
      this.fail(error instanceof FerryError ? error : new FerryError('PROTOCOL_ERROR', String(error)));
    }
  };

  private readonly onError = (error: Error): void => {
    this.fail(new FerryError('CONNECTION_LOST', `The connection to the server failed: ${error.message}`));
  };

  private readonly onEnd = (): void => {
    const goodbye = this.last421 ? `: ${replyText(this.last421)}` : '.';
    this.fail(new FerryError('CONNECTION_LOST', `The server closed the connection${goodbye}`, this.last421 ? replyText(this.last421) : undefined));
  };

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('end', this.onEnd);
    socket.off('close', this.onEnd);
  }

  private adoptTls(socket: tls.TLSSocket): void {
    this.tlsSocket = socket;
    // TLS 1.3 sends session tickets after the handshake, possibly several: keep the newest.
    socket.on('session', (session: Buffer) => {
      this.latestSession = session;
    });
  }
}
