/**
 * Runs queue items: takes a connection from the pool, runs a download, an
 * upload or a folder expansion, and turns the outcome into the item's next
 * state: done, skipped, waiting for a conflict answer, queued again after a
 * backoff (errors that can heal), or failed. Pausing and cancelling abort a
 * running item through its AbortController; the partial file stays for a
 * resume (pause) or is removed (cancel).
 */
import { rm } from 'node:fs/promises';
import { FerryError, type ApiError } from '../../shared/errors';
import { toApiError } from '../api/errors';
import type { RemoteFs } from '../protocol/remote-fs';
import { createByteMeter, createInlineMeter, passesFreely, type ByteMeterOptions } from './byte-meter';
import type { ConflictDecision } from './conflict-policy';
import type { ConnectionPool } from './connection-pool';
import { downloadFile } from './download';
import type { EngineTuning } from './engine-options';
import { ChecksumMismatchError, type FileJob, type FileOutcome, type TransferSettings } from './file-job';
import { expandDownloadFolder, expandUploadFolder, type ChildSpec, type FolderJob } from './folder-walker';
import type { FolderSyncs } from './folder-syncs';
import type { Journal } from './journal';
import type { FileFacts, ItemRecord } from './model';
import type { ProgressReporter } from './progress-reporter';
import { RESTORED } from './queue-restore';
import type { QueueStore } from './queue-store';
import { blocksSite, isHealable, type RetryPolicy } from './retry-policy';
import type { TokenBucket } from './token-bucket';
import { uploadFile } from './upload';

/** Shown on items that wait for the user's answer. */
export const WAITING_FOR_ANSWER = 'Waiting: the target already exists.';

/** How long a folder listing's size and time of a file are trusted for its first attempt. */
const LISTING_FRESH_MS = 5 * 60 * 1000;
/** Errors after which the connection is still fine: the server or the disk said no, nothing was cut off. */
const CLEAN_REFUSALS = new Set(['NOT_FOUND', 'PERMISSION_DENIED', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOENT', 'EACCES', 'INVALID_INPUT']);

/** A running item. */
interface Run {
  controller: AbortController;
  /** Why it was stopped on purpose, if it was. */
  stop: 'pause' | 'cancel' | null;
  /** A data stream was opened: a failure leaves the connection in an unknown state. */
  streaming: boolean;
  /** All bytes arrived and the connection went back: only local work (fsync, rename) is left. */
  finishing: boolean;
  done: Promise<void>;
}

/** A folder expansion's outcome. */
type RunOutcome = FileOutcome | { result: 'expanded' };

/** What the runner needs from the engine. */
export interface RunnerContext {
  store: QueueStore;
  reporter: ProgressReporter;
  pool: ConnectionPool;
  journal(): Journal;
  /** Where finished downloads note the folders whose fsync is batched. */
  folderSyncs: FolderSyncs;
  buckets: { total: TokenBucket; download: TokenBucket; upload: TokenBucket };
  tuning: EngineTuning;
  retryPolicy: RetryPolicy;
  settingsFor(item: ItemRecord): TransferSettings;
  decide(item: ItemRecord, source: FileFacts, target: FileFacts): ConflictDecision;
  /** Starts whatever can start now. */
  pump(): void;
  isClosed(): boolean;
  /** An item started (the engine saves progress while items run). */
  onStart(): void;
  /** An item finished: its saved progress is no longer needed. */
  onFinished(id: number): void;
}

/** Running items, retries waiting for their time, and clean-up of temporary files. */
export class ItemRunner {
  private readonly running = new Map<number, Run>();
  private readonly retryTimers = new Map<number, NodeJS.Timeout>();
  private readonly cleanups = new Map<string, string[]>();
  private readonly tasks = new Set<Promise<void>>();
  private finishing = 0;
  /** What a folder listing knew about each file it just queued (in memory only: a restored queue asks the server again). */
  private readonly listed = new WeakMap<ItemRecord, { at: number; asFile: boolean; targetAbsent: boolean }>();

  constructor(private readonly context: RunnerContext) {}

  /** Ids of running items. */
  runningIds(): IterableIterator<number> {
    return this.running.keys();
  }

  /** How many items run. */
  get size(): number {
    return this.running.size;
  }

  /** Items that gave their connection back and are finishing locally (fsync, placing). */
  get finishingLocally(): number {
    return this.finishing;
  }

  /** Stops everything (pausing running items) and waits until it has stopped. */
  async stopAll(): Promise<void> {
    for (const id of [...this.retryTimers.keys()]) this.clearRetry(id);
    for (const id of [...this.running.keys()]) this.stop(id, 'pause');
    await Promise.all([...this.running.values()].map((run) => run.done));
    await Promise.all([...this.tasks]);
  }

  /** Starts `item` now (the scheduler checked that a connection slot is free). */
  start(item: ItemRecord): void {
    const run: Run = { controller: new AbortController(), stop: null, streaming: false, finishing: false, done: Promise.resolve() };
    this.running.set(item.id, run);
    this.context.store.setState(item, 'active', { attempts: item.attempts + 1 });
    this.context.reporter.itemStarted(item.id);
    this.context.onStart();
    run.done = this.execute(item, run);
  }

  private async execute(item: ItemRecord, run: Run): Promise<void> {
    let connection: RemoteFs | null = null;
    let outcome: RunOutcome | null = null;
    let failure: unknown = null;
    // A download that has all its bytes (and its checksum) hands the connection back before
    // it fsyncs and places the file, so the next file's transfer overlaps that local work.
    const releaseEarly = (): void => {
      if (run.finishing || connection === null) return;
      run.finishing = true;
      this.finishing += 1;
      this.context.pool.release(item.site, connection, true);
      this.context.pump();
    };
    try {
      connection = await this.context.pool.acquire(item.site);
      if (run.controller.signal.aborted) throw run.controller.signal.reason;
      outcome = item.kind === 'dir' ? await this.expand(item, connection, run) : await this.transfer(item, connection, run, releaseEarly);
    } catch (error) {
      failure = error ?? new Error('unknown failure');
    }
    const reusable =
      failure === null ||
      (!run.streaming && !run.controller.signal.aborted && failure instanceof FerryError && CLEAN_REFUSALS.has(failure.code));
    this.running.delete(item.id);
    if (run.finishing) this.finishing -= 1;
    this.context.reporter.itemStopped(item.id);
    if (connection && !run.finishing) this.context.pool.release(item.site, connection, reusable);
    if (outcome) this.finish(item, outcome);
    else this.fail(item, run, failure);
    this.context.pump();
  }

  private transfer(item: ItemRecord, connection: RemoteFs, run: Run, releaseEarly: () => void): Promise<FileOutcome> {
    const signal = run.controller.signal;
    const meterOptions: ByteMeterOptions = {
      buckets: [this.context.buckets.total, this.context.buckets[item.direction]],
      onBytes: (bytes) => this.context.store.setBytesDone(item, item.bytesDone + bytes),
      idleTimeoutMs: this.context.tuning.idleTimeoutMs,
      signal,
    };
    const job: FileJob = {
      item,
      connection,
      signal,
      settings: this.context.settingsFor(item),
      ...this.takeListed(item),
      placedIn: (folder) => this.context.folderSyncs.add(folder),
      doneWithConnection: releaseEarly,
      meter: () => createByteMeter(meterOptions),
      inlineMeter: (onStall) => (passesFreely(meterOptions.buckets) ? createInlineMeter(meterOptions, onStall) : null),
      setSourceFacts: (facts) => {
        this.context.store.setSize(item, facts.size);
        item.mtime = facts.mtime;
        item.mtimePrecision = facts.precision;
      },
      setBytesDone: (bytes) => {
        if (bytes < item.bytesDone) this.context.reporter.itemRestarted(item.id);
        this.context.store.setBytesDone(item, bytes);
      },
      saveResume: (record) => {
        item.resume = record;
        this.context.journal().append({ t: 'i', i: item });
      },
      decide: (source, target) => this.context.decide(item, source, target),
      retarget: (target) => {
        if (item.direction === 'download') item.localPath = target;
        else item.remotePath = target;
        this.context.journal().append({ t: 'i', i: item });
        this.context.reporter.itemChanged(item.id);
      },
      markStreaming: () => {
        run.streaming = true;
      },
    };
    return item.direction === 'download' ? downloadFile(job) : uploadFile(job);
  }

  private async expand(item: ItemRecord, connection: RemoteFs, run: Run): Promise<RunOutcome> {
    const prefix = item.remotePath.endsWith('/') ? item.remotePath : `${item.remotePath}/`;
    const job: FolderJob = {
      item,
      connection,
      signal: run.controller.signal,
      // After an interrupted listing, children already queued are not queued twice.
      alreadyQueued: this.context.store.childNames(item.id, (child) => child.remotePath.slice(prefix.length)),
      addChildren: (children) => this.addChildren(item, children),
      decide: (source, target) => this.context.decide(item, source, target),
      targetKnownAbsent: this.takeListed(item).targetKnownAbsent,
    };
    await (item.direction === 'download' ? expandDownloadFolder(job) : expandUploadFolder(job));
    return { result: 'expanded' };
  }

  /**
   * Whoever queued `item` looked at the server just now: a download's size and time were read
   * ('file facts'), or an upload's target was not there ('no target'). Used like a folder
   * listing's knowledge: first attempt only, while fresh.
   */
  rememberListed(item: ItemRecord, what: 'file facts' | 'no target'): void {
    this.listed.set(item, { at: performance.now(), asFile: what === 'file facts', targetAbsent: what === 'no target' });
  }

  /**
   * What the folder listing that queued `item` knew, for its first attempt only
   * and only while fresh (a retry, or a restored queue, asks the server afresh).
   */
  private takeListed(item: ItemRecord): Pick<FileJob, 'listedFacts' | 'targetKnownAbsent'> {
    const listed = this.listed.get(item);
    this.listed.delete(item);
    const usable = listed !== undefined && item.attempts === 1 && item.resume === null && performance.now() - listed.at <= LISTING_FRESH_MS;
    return {
      listedFacts: usable && listed.asFile ? { size: item.size, mtime: item.mtime, precision: item.mtimePrecision } : null,
      targetKnownAbsent: usable && listed.targetAbsent,
    };
  }

  private addChildren(parent: ItemRecord, children: ChildSpec[]): void {
    let conflicts = false;
    const now = performance.now();
    for (const child of children) {
      const note = child.skip?.note ?? (child.conflict ? WAITING_FOR_ANSWER : null);
      const added = this.context.store.addItem({
        batchId: parent.batchId,
        parentId: parent.id,
        kind: child.kind,
        direction: parent.direction,
        site: parent.site,
        localPath: child.localPath,
        remotePath: child.remotePath,
        size: child.kind === 'file' ? child.size : null,
        mtime: child.mtime,
        mtimePrecision: child.precision,
        state: child.skip ? 'skipped' : child.conflict ? 'paused' : 'queued',
        bytesDone: 0,
        attempts: 0,
        lastError: child.skip?.invalidName ? { code: 'INVALID_INPUT', message: child.skip.note } : null,
        priority: parent.priority,
        verify: null,
        note,
        root: parent.root,
        resume: null,
        answer: null,
        conflict: child.conflict ?? null,
      });
      // A file's listed facts, or (files and folders alike) a target known not to be there yet.
      if (added.state === 'queued' && (child.inNewRemoteFolder || (added.kind === 'file' && child.listedAsFile))) {
        this.listed.set(added, { at: now, asFile: added.kind === 'file' && child.listedAsFile === true, targetAbsent: child.inNewRemoteFolder === true });
      }
      conflicts ||= child.conflict !== undefined;
    }
    if (conflicts) this.context.reporter.conflictsChanged(parent.batchId);
    this.context.pump();
  }

  // ---- outcomes --------------------------------------------------------------------------

  private finish(item: ItemRecord, outcome: RunOutcome): void {
    switch (outcome.result) {
      case 'expanded':
        this.context.store.setState(item, 'done', { lastError: null, note: null });
        return;
      case 'done':
        this.context.onFinished(item.id);
        this.context.store.setState(item, 'done', {
          bytesDone: item.size ?? item.bytesDone,
          verify: outcome.verify,
          note: outcome.note,
          lastError: null,
          resume: null,
          answer: null,
          conflict: null,
        });
        return;
      case 'skipped':
        this.discardPartial(item);
        this.context.store.setState(item, 'skipped', { note: outcome.note, resume: null, conflict: null, answer: null });
        return;
      case 'conflict':
        this.context.store.setState(item, 'paused', {
          conflict: { source: outcome.source, target: outcome.target },
          answer: null,
          note: WAITING_FOR_ANSWER,
        });
        this.context.reporter.conflictsChanged(item.batchId);
        return;
    }
  }

  private fail(item: ItemRecord, run: Run, error: unknown): void {
    if (run.stop === 'pause') {
      this.context.store.setState(item, 'paused', this.context.isClosed() ? { note: RESTORED } : {});
      return;
    }
    if (run.stop === 'cancel') {
      this.discardPartial(item);
      this.context.store.setState(item, 'cancelled', { resume: null, note: null });
      return;
    }
    const lastError = toApiError(error);
    const verify = error instanceof ChecksumMismatchError ? 'mismatch' : item.verify;
    if (isHealable(error) && item.attempts <= this.context.retryPolicy.retries) {
      this.context.store.setState(item, 'queued', { lastError }, true);
      const timer = setTimeout(() => {
        this.retryTimers.delete(item.id);
        this.context.store.markReady(item);
        this.context.pump();
      }, this.context.retryPolicy.delayMs(item.attempts + 1));
      this.retryTimers.set(item.id, timer);
      return;
    }
    this.context.store.setState(item, 'failed', { lastError, verify });
    if (blocksSite(error)) this.pauseSite(item.site, lastError);
  }

  /** A login or trust failure concerns every item of the site: pause them instead of failing each one with another login. */
  private pauseSite(site: string, error: ApiError): void {
    for (const item of this.context.store.items.values()) {
      if (item.site !== site || item.state !== 'queued') continue;
      this.clearRetry(item.id);
      this.context.store.setState(item, 'paused', { lastError: error, note: `Paused: ${error.message}` });
    }
  }

  /** Removes what a cancelled or skipped item left: its local temporary file now, a remote one when a connection is free. */
  discardPartial(item: ItemRecord): void {
    const record = item.resume;
    if (record?.kind === 'download') {
      const task = rm(record.part, { force: true }).catch(() => undefined);
      this.track(task);
    } else if (record?.kind === 'upload' && record.dest !== item.remotePath) {
      const list = this.cleanups.get(item.site) ?? [];
      list.push(record.dest);
      this.cleanups.set(item.site, list);
    }
  }

  /** Starts removing temporary files left on servers, where a connection slot is free. */
  runCleanups(): void {
    for (const [site, paths] of this.cleanups) {
      while (paths.length > 0 && this.context.pool.hasRoom(site)) {
        const remotePath = paths.shift()!;
        const task = (async () => {
          let connection: RemoteFs | null = null;
          try {
            connection = await this.context.pool.acquire(site);
            await connection.removeFile(remotePath);
          } catch {
            // Best effort: a leftover `.ferry-part` on the server is clutter, not lost data.
          } finally {
            if (connection) this.context.pool.release(site, connection, connection.connected);
          }
        })();
        this.track(task.then(() => this.context.pump()));
      }
      if (paths.length === 0) this.cleanups.delete(site);
    }
  }

  /** Stops a running item on purpose; false when it is not running (or already stopping). */
  stop(id: number, why: 'pause' | 'cancel'): boolean {
    const run = this.running.get(id);
    if (!run || run.stop !== null) return false;
    // A file with all its bytes is done in a moment and needs no server: pausing it (also when
    // the app closes) would only throw the bytes away. Cancelling still discards it.
    if (why === 'pause' && run.finishing) return false;
    run.stop = why;
    run.controller.abort(new FerryError('CANCELLED', why === 'pause' ? 'The transfer was paused.' : 'The transfer was cancelled.'));
    return true;
  }

  /** Forgets a pending retry of `id` (it was paused or cancelled while waiting). */
  clearRetry(id: number): void {
    const timer = this.retryTimers.get(id);
    if (timer) clearTimeout(timer);
    this.retryTimers.delete(id);
  }

  private track(task: Promise<void>): void {
    this.tasks.add(task);
    void task.finally(() => this.tasks.delete(task));
  }
}
