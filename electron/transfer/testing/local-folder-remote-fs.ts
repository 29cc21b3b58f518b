/**
 * TEST DOUBLE — used only by the transfer engine's tests, never by the app.
 *
 * A `RemoteFs` over a local folder ("the server's disk"), with faults that can
 * be injected per operation and path: fail with a given FerryError code, drop
 * the whole connection after N bytes, or stall (stop sending, forever). It also
 * records what the engine asked for (read offsets, concurrent transfers,
 * connections) so tests can assert on behaviour, not timing.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, rmdir, stat, utimes, chmod, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import type { LogLine } from '../../../shared/contract/app';
import { FerryError, type ErrorCode } from '../../../shared/errors';
import type { RemoteEntry, TimePrecision } from '../../../shared/types/remote';
import type { ConnectionSecurity, ListOptions, ReadOptions, RemoteFs, RemoteHash, WriteOptions } from '../../protocol/remote-fs';

/** Operations a fault can target. */
export type FaultOp = 'connect' | 'read' | 'write' | 'list' | 'stat' | 'mkdir' | 'rename' | 'hash' | 'setModifiedTime' | 'removeFile';

/** What a fault does. */
export type FaultEffect =
  /** Reject (or error the stream) with this code. */
  | { fail: ErrorCode }
  /** The connection is lost: this and every later call fail with CONNECTION_LOST. */
  | 'drop'
  /** Stop sending or accepting bytes until the caller aborts. */
  | 'stall';

/** One injected fault. */
export interface FaultRule {
  op: FaultOp;
  /** Only for this remote path (exact) or paths matching this pattern. */
  path?: string | RegExp;
  /** For `read`/`write`: fire after this many bytes of the stream (0: when it opens). */
  afterBytes?: number;
  effect: FaultEffect;
  /** How many times it fires (default once). */
  times?: number;
}

/** Options of {@link LocalFolderServer}. */
export interface LocalFolderServerOptions {
  /** The hash the "server" offers, or `null` for a server without a hash command. */
  hash?: RemoteHash['algorithm'] | null;
  /** What the "server" reports instead of the real digest (to test mismatches). */
  hashOverride?: (remotePath: string) => string | undefined;
  /** Precision of reported times; times are truncated to it like MDTM / LIST would. */
  precision?: TimePrecision;
  /** Whether reads and writes can start at an offset (REST). */
  supportsOffset?: boolean;
  /** Replaces what a listing returns (hostile names). */
  listOverride?: (remotePath: string, entries: RemoteEntry[]) => RemoteEntry[];
  /** Awaited before a listing is answered (to test that the engine does not wait for every listing). */
  beforeList?: (remotePath: string) => Promise<void>;
  /**
   * Every read and write waits at its first byte until this many transfers are
   * open at once (or `gateTimeoutMs` passed): proves transfers really overlap.
   */
  overlapGate?: number;
  gateTimeoutMs?: number;
  /** Rename over an existing file fails (like SFTP v3). */
  renameRefusesExisting?: boolean;
  /** A command with a `stall` fault fails with TIMEOUT after this long, as a reply timeout would. */
  replyTimeoutMs?: number;
}

/** What the engine did, for assertions. */
export interface ServerStats {
  connections: number;
  closedConnections: number;
  reads: Array<{ path: string; offset: number }>;
  writes: Array<{ path: string; offset: number }>;
  lists: string[];
  activeTransfers: number;
  maxActiveTransfers: number;
}

/** The pretend server: a folder, a fault plan, and a connector for the engine. */
export class LocalFolderServer {
  readonly faults: FaultRule[] = [];
  readonly stats: ServerStats = {
    connections: 0,
    closedConnections: 0,
    reads: [],
    writes: [],
    lists: [],
    activeTransfers: 0,
    maxActiveTransfers: 0,
  };
  private gateWaiters: Array<() => void> = [];

  constructor(
    /** The folder that plays the server's disk. */
    readonly root: string,
    readonly options: LocalFolderServerOptions = {},
  ) {}

  /** The engine's `openConnection`. */
  readonly connect = async (site: string): Promise<RemoteFs> => {
    const fault = this.takeFault('connect', '/');
    if (fault) throw faultError(fault.effect === 'drop' || fault.effect === 'stall' ? { fail: 'CONNECTION_REFUSED' } : fault.effect);
    this.stats.connections += 1;
    return new LocalFolderConnection(this, site);
  };

  /** Adds a fault. */
  inject(rule: FaultRule): void {
    this.faults.push({ times: 1, ...rule });
  }

  /** The local file behind a remote path (refusing paths that climb out of the root). */
  localPath(remotePath: string): string {
    if (!remotePath.startsWith('/')) throw new FerryError('INVALID_INPUT', `Not an absolute remote path: ${remotePath}`);
    const resolved = path.resolve(this.root, `.${path.posix.normalize(remotePath)}`);
    if (resolved !== this.root && !resolved.startsWith(this.root + path.sep)) {
      throw new FerryError('PERMISSION_DENIED', `Outside the server root: ${remotePath}`);
    }
    return resolved;
  }

  /** The first matching fault, used up by one. */
  takeFault(op: FaultOp, remotePath: string, streaming = false): FaultRule | null {
    const index = this.faults.findIndex(
      (rule) =>
        rule.op === op &&
        (rule.times ?? 1) > 0 &&
        (streaming || (rule.afterBytes ?? 0) === 0) &&
        (rule.path === undefined || (typeof rule.path === 'string' ? rule.path === remotePath : rule.path.test(remotePath))),
    );
    if (index < 0) return null;
    const rule = this.faults[index]!;
    rule.times = (rule.times ?? 1) - 1;
    return rule;
  }

  /** @internal A transfer opened or closed. */
  transferDelta(delta: 1 | -1): void {
    this.stats.activeTransfers += delta;
    this.stats.maxActiveTransfers = Math.max(this.stats.maxActiveTransfers, this.stats.activeTransfers);
    if (this.options.overlapGate !== undefined && this.stats.activeTransfers >= this.options.overlapGate) this.openGate();
  }

  /** @internal Resolves once enough transfers overlap (or the gate's timeout passed). */
  waitAtGate(): Promise<void> {
    const needed = this.options.overlapGate;
    if (needed === undefined || this.stats.maxActiveTransfers >= needed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.openGate(), this.options.gateTimeoutMs ?? 10_000);
      this.gateWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private openGate(): void {
    const waiters = this.gateWaiters;
    this.gateWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** One pretend connection. */
class LocalFolderConnection implements RemoteFs {
  readonly protocol = 'sftp' as const;
  private alive = true;
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private readonly logListeners = new Set<(line: LogLine) => void>();

  constructor(
    private readonly server: LocalFolderServer,
    readonly site: string,
  ) {}

  get connected(): boolean {
    return this.alive;
  }

  security(): ConnectionSecurity {
    return { encrypted: false, protocol: 'test double' };
  }

  async close(): Promise<void> {
    this.lose();
  }

  async pwd(): Promise<string> {
    this.check();
    return '/';
  }

  async cd(remotePath: string): Promise<string> {
    await this.checkOp('stat', remotePath);
    return path.posix.normalize(remotePath);
  }

  async list(remotePath: string, _options?: ListOptions): Promise<RemoteEntry[]> {
    await this.checkOp('list', remotePath);
    await this.server.options.beforeList?.(remotePath);
    this.check();
    this.server.stats.lists.push(remotePath);
    const folder = this.server.localPath(remotePath);
    const names = await readdir(folder).catch(mapFsError);
    const entries: RemoteEntry[] = [];
    for (const name of names) {
      const entry = await this.describe(path.join(folder, name), name);
      if (entry) entries.push(entry);
    }
    return this.server.options.listOverride?.(remotePath, entries) ?? entries;
  }

  async stat(remotePath: string): Promise<RemoteEntry | null> {
    await this.checkOp('stat', remotePath);
    return this.describe(this.server.localPath(remotePath), path.posix.basename(remotePath));
  }

  async mkdir(remotePath: string, options?: { parents?: boolean }): Promise<void> {
    await this.checkOp('mkdir', remotePath);
    await mkdir(this.server.localPath(remotePath), { recursive: options?.parents ?? false }).catch(mapFsError);
  }

  async removeFile(remotePath: string): Promise<void> {
    await this.checkOp('removeFile', remotePath);
    await rm(this.server.localPath(remotePath)).catch(mapFsError);
  }

  async removeDir(remotePath: string, options?: { recursive?: boolean }): Promise<void> {
    this.check();
    const local = this.server.localPath(remotePath);
    await (options?.recursive ? rm(local, { recursive: true }) : rmdir(local)).catch(mapFsError);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.checkOp('rename', from);
    const target = this.server.localPath(to);
    if (this.server.options.renameRefusesExisting && (await lstat(target).catch(() => null))) {
      throw new FerryError('PERMISSION_DENIED', `Rename refused: ${to} exists.`);
    }
    await rename(this.server.localPath(from), target).catch(mapFsError);
  }

  async chmod(remotePath: string, mode: number): Promise<void> {
    this.check();
    await chmod(this.server.localPath(remotePath), mode).catch(mapFsError);
  }

  async setModifiedTime(remotePath: string, mtime: Date): Promise<void> {
    await this.checkOp('setModifiedTime', remotePath);
    await utimes(this.server.localPath(remotePath), mtime, mtime).catch(mapFsError);
  }

  canHash(): boolean {
    return (this.server.options.hash ?? null) !== null;
  }

  async hash(remotePath: string): Promise<RemoteHash | null> {
    await this.checkOp('hash', remotePath);
    const algorithm = this.server.options.hash ?? null;
    if (algorithm === null) return null;
    if (algorithm !== 'SHA-256') throw new Error('The test double only hashes with SHA-256.');
    const override = this.server.options.hashOverride?.(remotePath);
    if (override !== undefined) return { algorithm, digest: override };
    const digest = createHash('sha256');
    for await (const chunk of createReadStream(this.server.localPath(remotePath))) digest.update(chunk as Buffer);
    return { algorithm, digest: digest.digest('hex') };
  }

  async raw(): Promise<{ code: number; text: string }> {
    throw new FerryError('UNSUPPORTED', 'The test double has no raw commands.');
  }

  onLog(listener: (line: LogLine) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async openRead(remotePath: string, options: ReadOptions = {}): Promise<Readable> {
    const offset = options.offset ?? 0;
    await this.checkOp('read', remotePath);
    if (offset > 0 && this.server.options.supportsOffset === false) throw new FerryError('UNSUPPORTED', 'REST refused.');
    const local = this.server.localPath(remotePath);
    const info = await stat(local).catch(mapFsError);
    if (!info.isFile()) throw new FerryError('NOT_FOUND', `Not a file: ${remotePath}`);
    this.server.stats.reads.push({ path: remotePath, offset });
    const source = createReadStream(local, { start: offset, highWaterMark: 16 * 1024 });
    return this.faultyStream(source, 'read', remotePath, options.signal);
  }

  async openWrite(remotePath: string, options: WriteOptions = {}): Promise<Writable> {
    const offset = options.offset ?? 0;
    await this.checkOp('write', remotePath);
    if (offset > 0 && this.server.options.supportsOffset === false) throw new FerryError('UNSUPPORTED', 'REST refused.');
    const local = this.server.localPath(remotePath);
    const handle = await open(local, offset > 0 ? 'r+' : 'w').catch(mapFsError);
    await handle.truncate(offset);
    this.server.stats.writes.push({ path: remotePath, offset });
    const sink = new FileSink(handle, offset);
    const faulty = this.faultyStream(null, 'write', remotePath, options.signal) as Transform;
    // The caller writes into `faulty`; bytes that pass it land in the file. `finish` only after the file is closed.
    const front = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (!faulty.write(chunk)) faulty.once('drain', () => callback());
        else callback();
      },
      final(callback) {
        faulty.end();
        sink.once('finish', () => callback());
        sink.once('error', (error) => callback(error));
      },
      destroy(error, callback) {
        faulty.destroy();
        sink.destroy();
        callback(error);
      },
    });
    faulty.pipe(sink);
    faulty.on('error', (error) => front.destroy(error));
    sink.on('error', (error) => front.destroy(error));
    return front;
  }

  /** A pass-through that applies `afterBytes` faults, counts as an open transfer, and honours the overlap gate. */
  private faultyStream(source: Readable | null, op: 'read' | 'write', remotePath: string, signal?: AbortSignal): Readable | Transform {
    const server = this.server;
    const rule = server.takeFault(op, remotePath, true);
    let passed = 0;
    let gated = false;
    let counted = true;
    server.transferDelta(1);
    const finishCount = (): void => {
      if (!counted) return;
      counted = false;
      server.transferDelta(-1);
    };
    const connection = this;
    const stage = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        const go = async (): Promise<void> => {
          if (!gated) {
            gated = true;
            await server.waitAtGate();
          }
          if (!connection.alive) throw lost();
          if (rule && rule.afterBytes !== undefined && passed + chunk.length > rule.afterBytes) {
            const keep = rule.afterBytes - passed;
            if (keep > 0) stage.push(chunk.subarray(0, keep));
            passed += Math.max(0, keep);
            if (rule.effect === 'stall') {
              await new Promise<never>((_resolve, reject) => {
                if (signal?.aborted) reject(signal.reason);
                signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
              });
            }
            if (rule.effect === 'drop') {
              connection.lose(lost());
              throw lost();
            }
            throw faultError(rule.effect as { fail: ErrorCode });
          }
          passed += chunk.length;
          stage.push(chunk);
        };
        go().then(() => callback(), (error: Error) => callback(error));
      },
    });
    stage.on('close', finishCount);
    stage.on('end', finishCount);
    stage.on('error', finishCount);
    signal?.addEventListener('abort', () => stage.destroy(signal.reason as Error), { once: true });
    if (source) {
      source.on('error', (error) => stage.destroy(error));
      stage.on('close', () => source.destroy());
      source.pipe(stage);
    }
    return stage;
  }

  private async describe(local: string, name: string): Promise<RemoteEntry | null> {
    const info = await lstat(local).catch(() => null);
    if (!info) return null;
    const precision = this.server.options.precision ?? 'second';
    const unit = { millisecond: 1, second: 1000, minute: 60_000, day: 86_400_000 }[precision];
    let kind: RemoteEntry['kind'] = info.isDirectory() ? 'dir' : info.isSymbolicLink() ? 'link' : 'file';
    let targetKind: RemoteEntry['targetKind'];
    let size = info.size;
    if (kind === 'link') {
      const target = await stat(local).catch(() => null);
      targetKind = target === null ? null : target.isDirectory() ? 'dir' : 'file';
      if (target?.isFile()) size = target.size;
    }
    return {
      name,
      kind,
      ...(kind === 'link' ? { targetKind } : {}),
      size: kind === 'dir' ? null : size,
      mtime: Math.floor(info.mtimeMs / unit) * unit,
      mtimePrecision: precision,
      permissions: null,
      mode: info.mode & 0o7777,
      owner: null,
      group: null,
    };
  }

  private async checkOp(op: FaultOp, remotePath: string): Promise<void> {
    this.check();
    const rule = this.server.takeFault(op, remotePath);
    if (!rule) return;
    if (rule.effect === 'drop') {
      this.lose(lost());
      throw lost();
    }
    if (rule.effect === 'stall') {
      // A command that never gets a reply ends as the protocol's reply timeout would end it.
      await new Promise((resolve) => setTimeout(resolve, this.server.options.replyTimeoutMs ?? 200));
      throw new FerryError('TIMEOUT', 'The test server did not answer.');
    }
    throw faultError(rule.effect as { fail: ErrorCode });
  }

  private check(): void {
    if (!this.alive) throw lost();
  }

  lose(error?: Error): void {
    if (!this.alive) return;
    this.alive = false;
    this.server.stats.closedConnections += 1;
    for (const listener of this.closeListeners) listener(error);
  }
}

/** A writable into an open file from `offset`; `finish` after the file is closed. */
class FileSink extends Writable {
  private position: number;
  constructor(
    private readonly handle: FileHandle,
    offset: number,
  ) {
    super();
    this.position = offset;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.handle.write(chunk, 0, chunk.length, this.position).then(({ bytesWritten }) => {
      this.position += bytesWritten;
      callback();
    }, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.handle.close().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.handle.close().then(
      () => callback(error),
      () => callback(error),
    );
  }
}

function lost(): FerryError {
  return new FerryError('CONNECTION_LOST', 'The connection to the test server was lost.');
}

function faultError(effect: { fail: ErrorCode }): FerryError {
  return new FerryError(effect.fail, `Injected fault: ${effect.fail}.`);
}

function mapFsError(error: NodeJS.ErrnoException): never {
  if (error.code === 'ENOENT') throw new FerryError('NOT_FOUND', `No such file or folder: ${error.path ?? ''}`);
  if (error.code === 'EACCES' || error.code === 'EPERM') throw new FerryError('PERMISSION_DENIED', 'Permission denied.');
  if (error.code === 'EEXIST') throw new FerryError('EEXIST', 'Already exists.');
  throw new FerryError('PROTOCOL_ERROR', error.message);
}

