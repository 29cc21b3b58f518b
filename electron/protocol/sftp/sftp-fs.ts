/**
 * `RemoteFs` over one SFTP session (ssh2): folder operations, listings with resolved
 * symlinks, and fast windowed file streams. Every request is watched: when the server
 * stops answering for `idleMs`, the connection is closed with a TIMEOUT instead of hanging.
 */
import { Socket } from 'node:net';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Client, FileEntry, SFTPWrapper, Stats } from 'ssh2';
import type { LogLine } from '../../../shared/contract/app';
import { FerryError } from '../../../shared/errors';
import type { RemoteEntry } from '../../../shared/types/remote';
import { escapeEntryName, validateEntryName } from '../entry-name';
import type {
  ConnectionSecurity,
  ListOptions,
  ReadOptions,
  RemoteFs,
  RemoteHash,
  WriteOptions,
} from '../remote-fs';
import { entryFromAttributes, type SftpAttributes } from './entries';
import { connectionError, SFTP_STATUS, sftpRequestError, sftpStatus } from './errors';
import type { SftpLog } from './log';
import {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MAX_REQUESTS,
  RemoteReadStream,
  RemoteWriteStream,
  type FileHandleIo,
} from './request-window';

const posix = path.posix;

/** Everything the connector hands over once logged in. */
export interface SftpSessionParts {
  client: Client;
  sftp: SFTPWrapper;
  /** `realpath('.')` right after login. */
  home: string;
  log: SftpLog;
  host: string;
  port: number;
  /** Negotiated cipher (client to server). */
  cipher?: string;
  /** Close the connection when a request gets no answer for this long. */
  idleMs: number;
  /** Bytes per read/write request (default: 32 KiB, or for writes up to 256 KiB when the server announces its limits). */
  chunkSize?: number;
  /** Requests in flight per file (default 64). */
  maxRequests?: number;
}

/** The largest request Ferry sends, even when a server allows more (as OpenSSH's sftp). */
const MAX_CHUNK_SIZE = 256 * 1024;

/**
 * The largest read Ferry asks for: an answer (13 bytes of SFTP header and the data) then fits
 * in one SSH channel message (ssh2 accepts 32 KiB per message). A bigger answer spans several,
 * and ssh2 copies it into a fresh buffer: for a 1 GiB download, another 1 GiB of short-lived
 * buffers. V8 counts those bytes against its old-generation limit, and in a small heap that
 * set off a full GC every ~16 MiB in about half the runs (60-90 instead of 2; the download
 * took 1.6-2.6 s instead of a steady 1.7 s). The channel window (2 MiB) already caps what is
 * in flight, so smaller reads cost nothing there: 64 of them fill it.
 */
const MAX_READ_SIZE = 32 * 1024 - 13;

/** How many symlink targets are looked up at once while listing. */
const LINK_LOOKUPS_AT_ONCE = 16;

/** A connected SFTP session. Create it with `connectSftp`. */
export class SftpRemoteFs implements RemoteFs {
  readonly protocol = 'sftp' as const;
  private readonly client: Client;
  private readonly sftp: SFTPWrapper;
  private readonly log: SftpLog;
  private readonly server: string;
  private readonly cipher: string | undefined;
  private readonly idleMs: number;
  private readonly readChunkSize: number;
  private readonly writeChunkSize: number;
  private readonly maxRequests: number;
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private cwd: string;
  private state: 'open' | 'closing' | 'closed' = 'open';
  /** Why the connection ended, when it was not our close(). */
  private lostReason: FerryError | null = null;
  private closedPromise: Promise<void>;
  // Request watchdog.
  private pending = 0;
  private lastAnswer = Date.now();
  private watchdog: NodeJS.Timeout | null = null;

  constructor(parts: SftpSessionParts) {
    this.client = parts.client;
    this.sftp = parts.sftp;
    this.log = parts.log;
    this.server = `${parts.host}:${parts.port}`;
    this.cipher = parts.cipher;
    this.idleMs = parts.idleMs;
    this.cwd = parts.home;
    // Request sizes as OpenSSH's sftp picks them: 32 KiB, or what the server announces
    // through limits@openssh.com (OpenSSH: 255 KiB), capped at 256 KiB for writes and at one
    // channel message for reads (MAX_READ_SIZE says why). A request must never exceed the
    // server's limit: ssh2 would split it into sequential requests, and an old server may drop
    // the connection on a packet that is too long.
    const limits = this.sftp as unknown as { _maxReadLen?: number; _maxWriteLen?: number; maxOpenHandles?: number };
    const announced = typeof limits.maxOpenHandles === 'number'; // set only when the limits reply came
    const pick = (serverMax: number | undefined, largest: number): number => {
      const max = serverMax ?? DEFAULT_CHUNK_SIZE;
      const wanted = parts.chunkSize ?? (announced ? largest : DEFAULT_CHUNK_SIZE);
      return Math.max(1024, Math.min(wanted, max, largest));
    };
    this.readChunkSize = pick(limits._maxReadLen, MAX_READ_SIZE);
    this.writeChunkSize = pick(limits._maxWriteLen, MAX_CHUNK_SIZE);
    this.maxRequests = Math.max(1, parts.maxRequests ?? DEFAULT_MAX_REQUESTS);

    this.client.on('error', (error: Error & { level?: string }) => {
      if (this.state !== 'open') return;
      this.lostReason ??=
        error.level === 'client-timeout'
          ? new FerryError('TIMEOUT', `${this.server} stopped answering (keep-alive).`, error.message)
          : connectionError(error, { host: parts.host, port: parts.port });
      this.log.error(this.lostReason.message);
    });
    // A hostile or broken server can break the SFTP framing: ssh2 then emits 'error' on the
    // channel, which would crash the process without a listener.
    this.sftp.on('error', (error: Error) => {
      this.abort(new FerryError('PROTOCOL_ERROR', `${this.server} broke the SFTP protocol; the connection was closed.`, error.message));
    });
    // The SFTP channel can end while the SSH connection lives on: nothing would answer again.
    this.sftp.on('close', () => {
      this.abort(new FerryError('CONNECTION_LOST', `The SFTP session with ${this.server} ended.`));
    });
    this.closedPromise = new Promise((resolve) => {
      this.client.once('close', () => {
        const wasClosing = this.state === 'closing';
        this.state = 'closed';
        this.stopWatchdog();
        let reason: FerryError | undefined;
        if (!wasClosing) {
          reason = this.lostReason ?? new FerryError('CONNECTION_LOST', `The connection to ${this.server} was lost.`);
          this.lostReason = reason;
          this.log.error(reason.message);
        } else {
          this.log.status('Disconnected.');
        }
        for (const listener of this.closeListeners) {
          try {
            listener(reason);
          } catch {
            // A listener's bug must not break shutdown.
          }
        }
        this.closeListeners.clear();
        resolve();
      });
    });
  }

  /**
   * Ends the connection because of `error` (e.g. the host key changed on a re-key); the
   * close listeners and every pending request get this error.
   */
  abort(error: FerryError): void {
    if (this.state !== 'open') return;
    this.lostReason ??= error;
    this.log.error(error.message);
    this.client.destroy();
  }

  get connected(): boolean {
    return this.state === 'open';
  }

  security(): ConnectionSecurity {
    return { encrypted: true, protocol: 'SSH-2.0', ...(this.cipher ? { cipher: this.cipher } : {}) };
  }

  async close(): Promise<void> {
    if (this.state === 'open') {
      this.state = 'closing';
      try {
        this.sftp.end();
        this.client.end();
      } catch {
        /* already gone */
      }
      // A server that never answers the disconnect must not keep close() waiting.
      const force = setTimeout(() => this.client.destroy(), 5000);
      force.unref();
      await this.closedPromise;
      clearTimeout(force);
      return;
    }
    await this.closedPromise;
  }

  onLog(listener: (line: LogLine) => void): () => void {
    return this.log.listen(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    if (this.state === 'closed') {
      queueMicrotask(() => listener(this.lostReason ?? undefined));
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async pwd(): Promise<string> {
    return this.cwd;
  }

  async cd(target: string): Promise<string> {
    const resolved = this.resolve(target);
    const stats = await this.statFollowing(resolved);
    if (!stats) throw new FerryError('NOT_FOUND', `Cannot open the folder "${resolved}": it does not exist.`);
    if (!stats.isDirectory()) throw new FerryError('ENOTDIR', `Cannot open "${resolved}": it is not a folder.`);
    this.cwd = resolved;
    return resolved;
  }

  /** Every entry (SFTP always includes hidden ones; `options.hidden` is for FTP). */
  async list(target: string, options: ListOptions = {}): Promise<RemoteEntry[]> {
    const dir = this.resolve(target);
    const action = `Cannot list "${dir}"`;
    const handle = await this.call<Buffer>(action, (done) => this.sftp.opendir(dir, done));
    const entries: RemoteEntry[] = [];
    const links: { entry: RemoteEntry; fullPath: string }[] = [];
    try {
      for (;;) {
        throwIfAborted(options.signal);
        const batch = await this.call<FileEntry[] | null>(action, (done) =>
          this.sftp.readdir(handle, (error, list) => {
            // End of the folder is status EOF, not an error.
            if (error && sftpStatus(error) === SFTP_STATUS.EOF) done(undefined, null);
            else done(error, list);
          }),
        );
        if (!batch) break;
        for (const item of batch) {
          const check = validateEntryName(item.filename);
          if (!check.ok) {
            this.log.warning(`Skipped an entry of "${dir}" with an unusable name "${escapeEntryName(item.filename)}": ${check.reason}.`);
            continue;
          }
          const entry = entryFromAttributes(item.filename, item.attrs as SftpAttributes, item.longname);
          entries.push(entry);
          if (entry.kind === 'link') links.push({ entry, fullPath: posix.join(dir, item.filename) });
        }
      }
    } finally {
      this.closeHandleQuietly(handle);
    }
    await forEachLimited(links, LINK_LOOKUPS_AT_ONCE, ({ entry, fullPath }) => this.resolveLink(entry, fullPath));
    return entries;
  }

  async stat(target: string): Promise<RemoteEntry | null> {
    const resolved = this.resolve(target);
    let attrs: Stats;
    try {
      attrs = await this.call<Stats>(`Cannot read "${resolved}"`, (done) => this.sftp.lstat(resolved, done));
    } catch (error) {
      if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
    const entry = entryFromAttributes(resolved === '/' ? '/' : posix.basename(resolved), attrs);
    if (entry.kind === 'link') await this.resolveLink(entry, resolved);
    return entry;
  }

  async mkdir(target: string, options: { parents?: boolean } = {}): Promise<void> {
    const resolved = this.resolve(target);
    if (options.parents) return this.mkdirWithParents(resolved);
    try {
      await this.call<void>(`Cannot create the folder "${resolved}"`, (done) => this.sftp.mkdir(resolved, done));
    } catch (error) {
      // OpenSSH reports "already exists" as a plain FAILURE; say what it really was.
      if (error instanceof FerryError && error.code === 'PROTOCOL_ERROR' && (await this.statFollowing(resolved))) {
        throw new FerryError('EEXIST', `Cannot create the folder "${resolved}": something with that name already exists.`, error.detail);
      }
      throw error;
    }
  }

  async removeFile(target: string): Promise<void> {
    const resolved = this.resolve(target);
    await this.call<void>(`Cannot delete "${resolved}"`, (done) => this.sftp.unlink(resolved, done));
  }

  async removeDir(target: string, options: { recursive?: boolean } = {}): Promise<void> {
    const resolved = this.resolve(target);
    if (resolved === '/') throw new FerryError('INVALID_INPUT', 'Ferry will not delete the root folder "/".');
    if (options.recursive) await this.emptyFolder(resolved);
    try {
      await this.call<void>(`Cannot delete the folder "${resolved}"`, (done) => this.sftp.rmdir(resolved, done));
    } catch (error) {
      // OpenSSH reports "not empty" as a plain FAILURE; say what it really was.
      if (!options.recursive && error instanceof FerryError && error.code === 'PROTOCOL_ERROR') {
        const inside = await this.list(resolved).catch(() => []);
        if (inside.length > 0) {
          throw new FerryError('CONFLICT', `Cannot delete the folder "${resolved}": it is not empty.`, error.detail);
        }
      }
      throw error;
    }
  }

  async rename(from: string, to: string): Promise<void> {
    const source = this.resolve(from);
    const target = this.resolve(to);
    const action = `Cannot rename "${source}" to "${target}"`;
    // Plain SFTP v3 RENAME refuses an existing target; OpenSSH's posix-rename replaces it
    // atomically (rename(2)), which is what an upload to a temporary name needs.
    const extensions = (this.sftp as unknown as { _extensions?: Record<string, string> })._extensions ?? {};
    if (extensions['posix-rename@openssh.com'] === '1') {
      await this.call<void>(action, (done) => this.sftp.ext_openssh_rename(source, target, done));
    } else {
      try {
        await this.call<void>(action, (done) => this.sftp.rename(source, target, done));
      } catch (error) {
        if (error instanceof FerryError && error.code === 'PROTOCOL_ERROR' && (await this.statFollowing(target).catch(() => null))) {
          throw new FerryError('EEXIST', `${action}: the target exists, and this server cannot replace files when renaming.`, error.detail);
        }
        throw error;
      }
    }
  }

  async chmod(target: string, mode: number): Promise<void> {
    const resolved = this.resolve(target);
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
      throw new FerryError('INVALID_INPUT', `Not a permission mode: ${String(mode)} (expected 0 to 0o7777).`);
    }
    await this.call<void>(`Cannot change the permissions of "${resolved}"`, (done) => this.sftp.chmod(resolved, mode, done));
  }

  async setModifiedTime(target: string, mtime: Date): Promise<void> {
    const resolved = this.resolve(target);
    const seconds = Math.floor(mtime.getTime() / 1000);
    if (!Number.isFinite(seconds)) throw new FerryError('INVALID_INPUT', 'Not a valid date.');
    const action = `Cannot set the modification time of "${resolved}"`;
    // SFTP v3 sets both times at once: read the access time first to keep it.
    const current = await this.call<Stats>(action, (done) => this.sftp.stat(resolved, done));
    await this.call<void>(action, (done) => this.sftp.utimes(resolved, current.atime, seconds, done));
  }

  async openRead(target: string, options: ReadOptions = {}): Promise<Readable> {
    const resolved = this.resolve(target);
    const offset = checkOffset(options.offset);
    throwIfAborted(options.signal);
    const handle = await this.call<Buffer>(`Cannot open "${resolved}" for reading`, (done) => this.sftp.open(resolved, 'r', done));
    return new RemoteReadStream({
      io: this.fileIo(),
      handle,
      position: offset,
      chunkSize: this.readChunkSize,
      maxRequests: this.maxRequests,
      mapError: (error, action) => this.streamError(error, action === 'close' ? `Cannot finish reading "${resolved}"` : `Cannot read "${resolved}"`),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  async openWrite(target: string, options: WriteOptions = {}): Promise<Writable> {
    const resolved = this.resolve(target);
    const offset = checkOffset(options.offset);
    throwIfAborted(options.signal);
    const action = `Cannot open "${resolved}" for writing`;
    let handle: Buffer;
    if (offset === 0) {
      handle = await this.call<Buffer>(action, (done) => this.sftp.open(resolved, 'w', done));
    } else {
      // Resume: keep the bytes already there ('r+' does not truncate), but never leave a hole
      // or stale bytes past the resume point.
      handle = await this.call<Buffer>(action, (done) => this.sftp.open(resolved, 'r+', done));
      try {
        const stats = await this.call<Stats>(action, (done) => this.sftp.fstat(handle, done));
        if (stats.size < offset) {
          throw new FerryError(
            'CONFLICT',
            `Cannot resume the upload of "${resolved}" at byte ${offset}: the remote file holds only ${stats.size} bytes.`,
          );
        }
        if (stats.size > offset) {
          await this.call<void>(action, (done) => this.sftp.fsetstat(handle, { size: offset }, done));
          this.log.status(`Cut "${resolved}" back to ${offset} bytes to resume the upload there.`);
        }
      } catch (error) {
        this.closeHandleQuietly(handle);
        throw error;
      }
    }
    return new RemoteWriteStream({
      io: this.fileIo(),
      handle,
      position: offset,
      chunkSize: this.writeChunkSize,
      maxRequests: this.maxRequests,
      mapError: (error, step) => this.streamError(error, step === 'close' ? `Cannot finish writing "${resolved}"` : `Cannot write "${resolved}"`),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  async hash(): Promise<RemoteHash | null> {
    // SFTP has no server-side checksum (OpenSSH implements none of the hash extensions).
    return null;
  }

  canHash(): boolean {
    return false;
  }

  async raw(): Promise<{ code: number; text: string }> {
    throw new FerryError('UNSUPPORTED', 'Raw commands exist only on FTP connections.');
  }

  // ---------------------------------------------------------------------------------------

  /** An absolute, normalized remote path for `target` (relative paths start at the current folder). */
  private resolve(target: string): string {
    if (typeof target !== 'string' || target.includes('\0')) {
      throw new FerryError('INVALID_INPUT', 'A remote path must be text without NUL characters.');
    }
    return posix.resolve(this.cwd, target === '' ? '.' : target);
  }

  /**
   * Runs one SFTP request with the watchdog on, and turns its error into a FerryError
   * (CONNECTION_LOST / TIMEOUT when the connection is gone, whatever ssh2 said).
   */
  private call<T>(action: string, start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.state !== 'open') {
        reject(this.notConnected());
        return;
      }
      const done = this.track((error: Error | null | undefined, value?: T) => {
        if (error) reject(this.streamError(error, action));
        else resolve(value as T);
      });
      try {
        start(done);
      } catch (error) {
        done(error as Error);
      }
    });
  }

  /** The error to report for a failed request: the connection's fate wins over ssh2's text. */
  private streamError(error: unknown, action: string): Error {
    if (error instanceof FerryError) return error;
    if (this.state !== 'open' || this.lostReason) {
      const reason = this.lostReason ?? this.notConnected();
      return new FerryError(reason.code, `${action}: ${reason.message}`, reason.detail);
    }
    return sftpRequestError(error, action);
  }

  /**
   * The TCP socket under the SSH connection, to cork around a burst of requests. ssh2 keeps it
   * in a private field (`_sock`); without it (another ssh2 version) the requests go one by one.
   */
  private socketOf(): Pick<Socket, 'cork' | 'uncork'> | undefined {
    const socket = (this.client as unknown as { _sock?: unknown })._sock;
    return socket instanceof Socket && !socket.destroyed ? socket : undefined;
  }

  private notConnected(): FerryError {
    return this.lostReason ?? new FerryError('CONNECTION_LOST', `Not connected to ${this.server} any more.`);
  }

  /** SFTP file calls for the windowed streams, each one watched. */
  private fileIo(): FileHandleIo {
    const sftp = this.sftp;
    return {
      read: (handle, buffer, offset, length, position, callback) => {
        if (this.state !== 'open') throw this.notConnected();
        const done = this.track(callback);
        sftp.read(handle, buffer, offset, length, position, (error, bytesRead) => done(error, bytesRead));
      },
      write: (handle, buffer, offset, length, position, callback) => {
        if (this.state !== 'open') throw this.notConnected();
        const done = this.track(callback);
        sftp.write(handle, buffer, offset, length, position, (error) => done(error));
      },
      // A window refill is up to 64 read requests of ~50 bytes each; written one by one they
      // cost a system call (and a wake-up of the server) apiece, 32,000 per GiB.
      batch: (issue) => {
        const socket = this.socketOf();
        socket?.cork();
        try {
          issue();
        } finally {
          socket?.uncork();
        }
      },
      close: (handle, callback) => {
        if (this.state !== 'open') throw this.notConnected();
        const done = this.track(callback);
        sftp.close(handle, (error) => done(error));
      },
    };
  }

  private closeHandleQuietly(handle: Buffer): void {
    if (this.state !== 'open') return;
    try {
      this.sftp.close(handle, () => undefined);
    } catch {
      /* connection closed */
    }
  }

  /** `stat` (following links), or null when nothing is there. */
  private async statFollowing(resolved: string): Promise<Stats | null> {
    try {
      return await this.call<Stats>(`Cannot read "${resolved}"`, (done) => this.sftp.stat(resolved, done));
    } catch (error) {
      if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /** Fills in where a link points and whether that is a file or a folder (null: broken). */
  private async resolveLink(entry: RemoteEntry, fullPath: string): Promise<void> {
    const [target, stats] = await Promise.all([
      this.call<string>(`Cannot read the link "${fullPath}"`, (done) => this.sftp.readlink(fullPath, done)).catch(() => undefined),
      this.statFollowing(fullPath).catch(() => null),
    ]);
    if (target !== undefined) entry.linkTarget = target;
    entry.targetKind = stats ? (stats.isDirectory() ? 'dir' : 'file') : null;
  }

  private async mkdirWithParents(resolved: string): Promise<void> {
    const existing = await this.statFollowing(resolved);
    if (existing) {
      if (existing.isDirectory()) return;
      throw new FerryError('EEXIST', `Cannot create the folder "${resolved}": a file with that name exists.`);
    }
    const parent = posix.dirname(resolved);
    if (parent !== resolved) await this.mkdirWithParents(parent);
    try {
      await this.call<void>(`Cannot create the folder "${resolved}"`, (done) => this.sftp.mkdir(resolved, done));
    } catch (error) {
      // Someone else may have created it in the meantime; that is fine.
      if ((await this.statFollowing(resolved))?.isDirectory()) return;
      throw error;
    }
  }

  /**
   * Deletes everything inside `dir`, depth first. Links are deleted, never followed (a link
   * to another folder must not empty that folder). A name that is not one plain path
   * component stops the deletion rather than being joined into a path.
   */
  private async emptyFolder(dir: string): Promise<void> {
    const action = `Cannot list "${dir}"`;
    const handle = await this.call<Buffer>(action, (done) => this.sftp.opendir(dir, done));
    const items: FileEntry[] = [];
    try {
      for (;;) {
        const batch = await this.call<FileEntry[] | null>(action, (done) =>
          this.sftp.readdir(handle, (error, list) => {
            if (error && sftpStatus(error) === SFTP_STATUS.EOF) done(undefined, null);
            else done(error, list);
          }),
        );
        if (!batch) break;
        items.push(...batch);
      }
    } finally {
      this.closeHandleQuietly(handle);
    }
    // Check every name before deleting anything: a bad one stops the whole deletion.
    for (const item of items) {
      const check = validateEntryName(item.filename);
      if (!check.ok) {
        throw new FerryError(
          'PROTOCOL_ERROR',
          `Did not delete "${dir}": it holds an entry with an unusable name "${escapeEntryName(item.filename)}" (${check.reason}).`,
        );
      }
    }
    for (const item of items) {
      const child = posix.join(dir, item.filename);
      if (entryFromAttributes(item.filename, item.attrs as SftpAttributes).kind === 'dir') {
        await this.emptyFolder(child);
        await this.call<void>(`Cannot delete the folder "${child}"`, (done) => this.sftp.rmdir(child, done));
      } else {
        await this.call<void>(`Cannot delete "${child}"`, (done) => this.sftp.unlink(child, done));
      }
    }
  }

  // Watchdog ------------------------------------------------------------------------------

  /** Wraps a request callback so the watchdog knows a request is waiting for an answer. */
  private track<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
    this.pending++;
    if (this.pending === 1) {
      this.lastAnswer = Date.now();
      this.startWatchdog();
    }
    let answered = false;
    return (...args: A) => {
      if (!answered) {
        answered = true;
        this.pending--;
        this.lastAnswer = Date.now();
        if (this.pending === 0) this.stopWatchdog();
      }
      callback(...args);
    };
  }

  private startWatchdog(): void {
    if (this.watchdog || this.idleMs <= 0) return;
    const every = Math.max(50, Math.min(1000, Math.floor(this.idleMs / 4)));
    this.watchdog = setInterval(() => {
      if (this.pending > 0 && Date.now() - this.lastAnswer > this.idleMs && this.state === 'open') {
        this.lostReason = new FerryError(
          'TIMEOUT',
          `${this.server} did not answer for ${Math.round(this.idleMs / 1000)} s; the connection was closed.`,
        );
        this.log.error(this.lostReason.message);
        this.stopWatchdog();
        this.client.destroy();
      }
    }, every);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }
}

function checkOffset(offset: number | undefined): number {
  const value = offset ?? 0;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new FerryError('INVALID_INPUT', `Not a valid file offset: ${String(offset)}.`);
  }
  return value;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FerryError('CANCELLED', 'Cancelled.');
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}
