/**
 * The transfer engine: Ferry's queue as a plain-Node service.
 *
 * It owns the queue (in memory, journaled to the user data folder), schedules
 * items over a connection pool per site, runs downloads, uploads and folder
 * expansions, retries what can heal, applies speed limits and conflict
 * policies, and reports progress as a few batched events a second. The API
 * handler, the CLI and tests all use this class; nothing here knows about
 * Electron or which protocol a connection speaks.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type {
  BatchInfo,
  ConflictAnswer,
  ConflictRequest,
  QueueView,
  TransferItem,
  TransferLimits,
  TransferPriority,
  TransferTarget,
} from '../../shared/contract/transfers';
import { MAX_CONFLICTS_LISTED } from '../../shared/contract/transfers';
import { FerryError } from '../../shared/errors';
import { toApiError } from '../api/errors';
import { conflictEntry, decideConflict, earlyDecision, type ConflictDecision } from './conflict-policy';
import { ConnectionPool } from './connection-pool';
import { lockDataFolder, type DataLock } from './data-lock';
import {
  BUILT_IN_DEFAULTS,
  clamp,
  DEFAULT_TUNING,
  initialLimits,
  MAX_CONNECTIONS_PER_SITE,
  type EngineTuning,
  type EnqueueBatch,
  type TransferDefaults,
  type TransferEngineOptions,
} from './engine-options';
import { validateEnqueue } from './enqueue-check';
import { TransferEvents, type TransferEventMap } from './events';
import type { TransferSettings } from './file-job';
import { ItemRunner, WAITING_FOR_ANSWER } from './item-runner';

/** Shown on items added with "Add to queue". */
const ADDED_PAUSED = 'Added to the queue: resume to start.';
/**
 * Downloads that handed their connection back while their fsync and rename still run. A few
 * per connection keep the network busy; the bound keeps a slow disk from collecting
 * hundreds of open files.
 */
const MAX_FINISHING_LOCALLY = 32;
import { FolderSyncs } from './folder-syncs';
import { Journal, type JournalContents, type JournalRecord } from './journal';
import { lstatOrNull } from './local-target';
import { FINISHED, remoteBaseName, type BatchRecord, type FileFacts, type ItemRecord } from './model';
import { ProgressReporter } from './progress-reporter';
import { batchSnapshot, queueSnapshot, restoreQueue } from './queue-restore';
import { QueueStore } from './queue-store';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { TokenBucket } from './token-bucket';

/** The transfer queue and everything that moves its bytes. */
export class TransferEngine {
  private readonly events = new TransferEvents();
  private readonly store: QueueStore;
  private readonly reporter: ProgressReporter;
  private readonly pool: ConnectionPool;
  private readonly buckets: { total: TokenBucket; download: TokenBucket; upload: TokenBucket };
  private readonly runner: ItemRunner;
  private readonly settledWaiters = new Map<number, Array<(batch: BatchInfo) => void>>();
  /** Folders of finished downloads, fsynced before the journal is written and before a batch is reported settled. */
  private readonly folderSyncs = new FolderSyncs();
  private readonly lastPersisted = new Map<number, number>();
  private readonly defaults: TransferDefaults;
  private readonly tuning: EngineTuning;
  private readonly retryPolicy: RetryPolicy;
  private readonly now: () => number;
  private journal!: Journal;
  private lock!: DataLock;
  private limitsNow: TransferLimits;
  private futureAnswer: ConflictAnswer['action'] | null = null;
  private persistTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(private readonly options: TransferEngineOptions) {
    this.defaults = { ...BUILT_IN_DEFAULTS, ...options.defaults };
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.retryPolicy = options.retry ?? defaultRetryPolicy();
    this.now = options.now ?? (() => performance.now());
    this.limitsNow = initialLimits(options.limits);
    this.buckets = {
      total: new TokenBucket(this.limitsNow.speed.total),
      download: new TokenBucket(this.limitsNow.speed.download),
      upload: new TokenBucket(this.limitsNow.speed.upload),
    };
    this.store = new QueueStore({
      itemChanged: (item) => {
        this.journal.append({ t: 'i', i: item });
        this.reporter.itemChanged(item.id);
      },
      itemRemoved: (item) => {
        this.journal.append({ t: 'x', id: item.id });
        this.lastPersisted.delete(item.id);
        this.reporter.itemRemoved(item.id);
      },
      batchAdded: (batch) => {
        this.journal.append({ t: 'b', b: batchSnapshot(batch) });
        this.reporter.batchAdded(batch.id);
      },
      batchChanged: (batch) => {
        this.reporter.batchChanged(batch.id);
        this.resolveSettled(batch);
      },
      batchRemoved: (batch) => {
        this.journal.append({ t: 'X', id: batch.id });
        this.reporter.batchRemoved(batch.id);
        this.resolveSettled(batch, true);
      },
    });
    this.reporter = new ProgressReporter(
      this.store,
      {
        progress: (update) => this.events.emit('progress', update),
        items: (change) => this.events.emit('items', change),
        batches: (change) => this.events.emit('batches', change),
        conflict: (request) => this.events.emit('conflict', request),
      },
      { intervalMs: this.tuning.progressIntervalMs, now: this.now, conflictRequest: (id) => this.conflicts(id) },
    );
    this.pool = new ConnectionPool({
      open: options.openConnection,
      siteLimit: (site) => this.siteLimit(site),
      globalLimit: () => this.limitsNow.connections.global,
      idleMs: this.tuning.idleConnectionMs,
    });
    this.runner = new ItemRunner({
      store: this.store,
      reporter: this.reporter,
      pool: this.pool,
      journal: () => this.journal,
      folderSyncs: this.folderSyncs,
      buckets: this.buckets,
      tuning: this.tuning,
      retryPolicy: this.retryPolicy,
      settingsFor: (item) => this.settingsFor(item),
      decide: (item, source, target) => this.decide(item, source, target),
      pump: () => this.pump(),
      isClosed: () => this.closed,
      onStart: () => this.ensurePersistTimer(),
      onFinished: (id) => this.lastPersisted.delete(id),
    });
  }

  /**
   * Opens the queue in `options.dataDir` (refusing a folder another engine has
   * open). Items that were unfinished when Ferry last stopped come back paused,
   * with their progress, ready to resume.
   */
  static async open(options: TransferEngineOptions): Promise<TransferEngine> {
    const engine = new TransferEngine(options);
    const folder = path.join(options.dataDir, 'transfers');
    await mkdir(folder, { recursive: true });
    engine.lock = await lockDataFolder(folder);
    try {
      const { journal, contents } = await Journal.open(folder, {
        flushDelayMs: engine.tuning.journalFlushMs,
        beforeWrite: () => engine.folderSyncs.flush(),
        onError: (error) => engine.reportError(error),
        scratch: options.scratchQueue ?? false,
      });
      engine.journal = journal;
      engine.restore(contents);
      // A new queue has nothing to compact (and the compaction's fsyncs would delay the first transfer).
      if (contents.lines > 0) await journal.compact(() => engine.snapshot());
    } catch (error) {
      await engine.lock.release();
      throw error;
    }
    return engine;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof TransferEventMap>(name: K, listener: (payload: TransferEventMap[K]) => void): () => void {
    return this.events.on(name, listener);
  }

  /** Connections the pool opened so far (diagnostics and tests). */
  get connectionsOpened(): number {
    return this.pool.opened;
  }

  // ---- queueing ------------------------------------------------------------------------

  /** Queues one user action's files and folders as a batch and starts what the limits allow. */
  async enqueue(request: EnqueueBatch): Promise<BatchInfo> {
    this.assertOpen();
    validateEnqueue(request);
    const batch = this.store.addBatch({
      site: request.site,
      direction: request.direction,
      label: request.label ?? defaultLabel(request),
      createdAt: Date.now(),
      priority: request.priority ?? this.defaults.priority,
      conflictPolicy: request.conflictPolicy ?? this.defaults.conflictPolicy,
      skipIdentical: request.skipIdentical ?? this.defaults.skipIdentical,
    });
    for (const entry of request.items) {
      const precision = entry.mtimePrecision ?? null;
      const facts: FileFacts = { size: entry.size ?? null, mtime: entry.mtime ?? null, precision };
      let early: ConflictDecision | null = null;
      let target: FileFacts | null = null;
      // Downloads: look at the local target now, so a batch's conflicts are asked about together.
      if (request.direction === 'download' && entry.kind === 'file') {
        const existing = lstatOrNull(entry.localPath);
        if (existing && !existing.isDirectory()) {
          target = { size: existing.size, mtime: existing.mtimeMs, precision: 'millisecond' };
          early = earlyDecision(this.decideFor(batch, null, facts, target), facts);
        }
      }
      const skip = early?.action === 'skip' ? early.note : null;
      const ask = early?.action === 'ask';
      const added = this.store.addItem({
        batchId: batch.id,
        parentId: null,
        kind: entry.kind,
        direction: request.direction,
        site: request.site,
        localPath: path.resolve(entry.localPath),
        remotePath: entry.remotePath,
        size: entry.kind === 'file' ? facts.size : null,
        mtime: facts.mtime,
        mtimePrecision: precision,
        state: skip !== null ? 'skipped' : ask || request.paused ? 'paused' : 'queued',
        bytesDone: 0,
        attempts: 0,
        lastError: null,
        priority: batch.priority,
        verify: null,
        note: skip ?? (ask ? WAITING_FOR_ANSWER : request.paused ? ADDED_PAUSED : null),
        root: path.dirname(path.resolve(entry.localPath)),
        resume: null,
        answer: null,
        conflict: ask && target ? { source: facts, target } : null,
      });
      if (ask) this.reporter.conflictsChanged(batch.id);
      if (request.listedJustNow && added.kind === 'file') {
        if (request.direction === 'download' && added.size !== null) this.runner.rememberListed(added, 'file facts');
        if (request.direction === 'upload' && entry.remoteTargetAbsent) this.runner.rememberListed(added, 'no target');
      }
    }
    this.pump();
    return this.reporter.describe(batch);
  }

  // ---- reading the queue ---------------------------------------------------------------

  /** One page of the queue (at most `limit` items), oldest first. */
  page(query: { offset?: number; limit?: number; view?: QueueView; batchId?: number }): { total: number; items: TransferItem[] } {
    return this.store.page({
      offset: Math.max(0, query.offset ?? 0),
      limit: clamp(query.limit ?? 100, 1, 500),
      view: query.view ?? 'all',
      batchId: query.batchId,
    });
  }

  /** Every batch with its progress. */
  batches(): BatchInfo[] {
    return [...this.store.batches.values()].map((batch) => this.reporter.describe(batch));
  }

  /** One batch, or `null`. */
  batch(id: number): BatchInfo | null {
    const batch = this.store.batches.get(id);
    return batch ? this.reporter.describe(batch) : null;
  }

  /** Resolves when nothing of the batch is queued or running any more (done, failed, skipped, cancelled or paused). */
  settled(batchId: number): Promise<BatchInfo> {
    const batch = this.store.batches.get(batchId);
    if (!batch) return Promise.reject(new FerryError('NOT_FOUND', `There is no batch ${batchId} in the queue.`));
    if (isSettled(batch)) return this.folderSyncs.flush().then(() => this.reporter.describe(batch));
    return new Promise((resolve) => {
      const list = this.settledWaiters.get(batchId) ?? [];
      list.push(resolve);
      this.settledWaiters.set(batchId, list);
    });
  }

  // ---- control ---------------------------------------------------------------------------

  /** Pauses queued and running items; running ones keep their partial file for a resume. */
  pause(target: TransferTarget): number {
    let affected = 0;
    for (const item of this.targetItems(target)) {
      if (item.state === 'queued') {
        this.runner.clearRetry(item.id);
        this.store.setState(item, 'paused');
        affected += 1;
      } else if (item.state === 'active' && this.runner.stop(item.id, 'pause')) affected += 1;
    }
    return affected;
  }

  /** Queues paused items again. */
  resume(target: TransferTarget): number {
    let affected = 0;
    for (const item of this.targetItems(target)) {
      if (item.state !== 'paused') continue;
      this.store.setState(item, 'queued', { note: null, conflict: null });
      affected += 1;
    }
    this.pump();
    return affected;
  }

  /**
   * Cancels items (failed ones too: giving up on them); their temporary files
   * are removed and existing targets stay untouched.
   */
  cancel(target: TransferTarget): number {
    let affected = 0;
    for (const item of this.targetItems(target)) {
      if (item.state === 'queued' || item.state === 'paused' || item.state === 'failed') {
        this.runner.clearRetry(item.id);
        this.runner.discardPartial(item);
        this.store.setState(item, 'cancelled', { resume: null, conflict: null, note: null });
        affected += 1;
      } else if (item.state === 'active' && this.runner.stop(item.id, 'cancel')) affected += 1;
    }
    this.pump(); // Starts removing temporary files left on servers.
    return affected;
  }

  /** Queues failed and cancelled items again, with a fresh count of attempts. */
  retry(target: TransferTarget): number {
    let affected = 0;
    for (const item of this.targetItems(target)) {
      if (item.state !== 'failed' && item.state !== 'cancelled') continue;
      this.store.setState(item, 'queued', { attempts: 0, lastError: null, verify: null, note: null });
      affected += 1;
    }
    this.pump();
    return affected;
  }

  /** Changes the priority of unfinished items (and of a batch, for what its folders add later). */
  prioritise(target: TransferTarget, priority: TransferPriority): number {
    if (target.kind === 'batch') {
      const batch = this.store.batches.get(target.id);
      if (batch) {
        batch.priority = priority;
        this.journal.append({ t: 'b', b: batchSnapshot(batch) });
        this.reporter.batchChanged(batch.id);
      }
    }
    let affected = 0;
    for (const item of this.targetItems(target)) {
      if (FINISHED.has(item.state) || item.priority === priority) continue;
      this.store.setPriority(item, priority);
      affected += 1;
    }
    this.pump();
    return affected;
  }

  /** Removes done, skipped and cancelled items (of one batch, or all). Failed items stay until retried or cancelled. */
  clearFinished(batchId?: number): number {
    const finished = [...this.store.items.values()].filter(
      (item) => (batchId === undefined || item.batchId === batchId) && FINISHED.has(item.state) && item.state !== 'failed',
    );
    for (const item of finished) this.store.remove(item);
    return finished.length;
  }

  // ---- conflicts -------------------------------------------------------------------------

  /** The batch's open conflicts ("12 files already exist"), or `null` when there are none. */
  conflicts(batchId: number): ConflictRequest | null {
    const batch = this.store.batches.get(batchId);
    if (!batch) return null;
    const conflicts = [];
    for (const id of batch.conflictIds) {
      if (conflicts.length >= MAX_CONFLICTS_LISTED) break;
      const item = this.store.items.get(id);
      if (item) conflicts.push(conflictEntry(item, itemName(item)));
    }
    return { batchId, site: batch.site, direction: batch.direction, total: batch.conflictIds.size, conflicts };
  }

  /** Applies the user's answer to some or all of a batch's conflicts (and, if asked, to all future ones). */
  answerConflict(answer: ConflictAnswer): number {
    const batch = this.store.batches.get(answer.batchId);
    if (!batch) throw new FerryError('NOT_FOUND', `There is no batch ${answer.batchId} in the queue.`);
    if (answer.applyTo === 'items' && !answer.itemIds?.length) {
      throw new FerryError('INVALID_INPUT', 'Say which items the answer is for.');
    }
    if (answer.applyTo !== 'items') {
      batch.conflictPolicy = answer.action;
      this.journal.append({ t: 'b', b: batchSnapshot(batch) });
    }
    if (answer.applyTo === 'future') {
      this.futureAnswer = answer.action;
      this.journal.append({ t: 's', s: { futureAnswer: answer.action } });
    }
    const ids = answer.applyTo === 'items' ? answer.itemIds! : [...batch.conflictIds];
    let resolved = 0;
    for (const id of ids) {
      const item = this.store.items.get(id);
      if (!item || !batch.conflictIds.has(id)) continue;
      this.store.setState(item, 'queued', { answer: answer.action, conflict: null, note: null });
      resolved += 1;
    }
    this.reporter.conflictsChanged(batch.id);
    this.pump();
    return resolved;
  }

  // ---- limits ----------------------------------------------------------------------------

  /** The limits in force. */
  limits(): TransferLimits {
    return structuredClone(this.limitsNow);
  }

  /**
   * Changes speed and connection limits; running transfers follow at once.
   * Not saved by the engine: the caller's settings store keeps them and passes
   * them to `open` next time.
   */
  setLimits(change: { speed?: Partial<TransferLimits['speed']>; connections?: Partial<TransferLimits['connections']> }): TransferLimits {
    const speed = { ...this.limitsNow.speed, ...change.speed };
    const connections = { ...this.limitsNow.connections, ...change.connections };
    for (const value of [speed.total, speed.download, speed.upload]) {
      if (!Number.isFinite(value) || value < 0) throw new FerryError('INVALID_INPUT', 'A speed limit must be 0 (none) or more bytes per second.');
    }
    connections.perSite = clamp(connections.perSite, 1, MAX_CONNECTIONS_PER_SITE);
    connections.global = clamp(connections.global, 1, 50);
    this.limitsNow = { speed, connections };
    this.buckets.total.setRate(speed.total);
    this.buckets.download.setRate(speed.download);
    this.buckets.upload.setRate(speed.upload);
    this.pump();
    return this.limits();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Writes everything pending (items, progress) to disk now. */
  async flush(): Promise<void> {
    this.persistProgress();
    await this.journal.flush();
  }

  /**
   * Stops: running items are paused (partial files kept for a resume), the queue
   * is saved, connections are closed, and the data folder is unlocked.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.runner.stopAll();
    if (this.persistTimer) clearInterval(this.persistTimer);
    this.persistProgress();
    this.reporter.tick();
    this.reporter.stop();
    await this.pool.close();
    await this.folderSyncs.flush();
    await this.journal.close();
    await this.lock.release();
  }

  // ---- scheduling ------------------------------------------------------------------------

  /** Starts ready items while connections are free: highest priority first, oldest first within one. */
  private pump(): void {
    if (this.closed) return;
    this.runner.runCleanups();
    for (;;) {
      // Files finishing locally hold a descriptor and an fsync each: a slow disk holds back new starts.
      if (this.runner.finishingLocally >= MAX_FINISHING_LOCALLY) break;
      const sites = [...this.store.ready.siteNames()].filter((site) => this.pool.hasRoom(site));
      if (sites.length === 0) break;
      const candidate = this.store.ready.best(sites, (id) => this.mayExpand(id));
      if (!candidate) break;
      const item = this.store.items.get(candidate.id);
      if (!item) break;
      this.runner.start(item);
    }
    if (this.store.ready.size === 0) this.store.ready.prune();
  }

  /** A batch lists more folders only while few of its files wait: the walker streams, it does not run ahead. */
  private mayExpand(id: number): boolean {
    const item = this.store.items.get(id);
    const batch = item && this.store.batches.get(item.batchId);
    return batch !== undefined && batch.filesQueued < this.tuning.folderHighWater;
  }

  // ---- helpers ---------------------------------------------------------------------------

  private decide(item: ItemRecord, source: FileFacts, target: FileFacts): ConflictDecision {
    const batch = this.store.batches.get(item.batchId);
    if (!batch) return { action: 'skip', note: 'Skipped: its batch is gone.' };
    return this.decideFor(batch, item.answer, source, target);
  }

  private decideFor(batch: BatchRecord, answer: ItemRecord['answer'], source: FileFacts, target: FileFacts): ConflictDecision {
    const policy = answer ?? (batch.conflictPolicy === 'ask' ? (this.futureAnswer ?? 'ask') : batch.conflictPolicy);
    return decideConflict({ policy, skipIdentical: batch.skipIdentical, source, target });
  }

  private settingsFor(item: ItemRecord): TransferSettings {
    const own = this.options.siteSettings?.(item.site) ?? {};
    return {
      preserveTimestamps: own.preserveTimestamps ?? this.defaults.preserveTimestamps,
      verify: own.verify ?? this.defaults.verify,
      uploadTempName: own.uploadTempName ?? this.defaults.uploadTempName,
      mode: own.transferMode?.(itemName(item)) ?? 'binary',
    };
  }

  private siteLimit(site: string): number {
    const own = this.options.siteSettings?.(site)?.maxConnections;
    return clamp(own ?? this.limitsNow.connections.perSite, 1, MAX_CONNECTIONS_PER_SITE);
  }

  private targetItems(target: TransferTarget): ItemRecord[] {
    if (target.kind === 'item') {
      const item = this.store.items.get(target.id);
      return item ? [item] : [];
    }
    if (target.kind === 'batch') return [...this.store.itemsOf(target.id)];
    return [...this.store.items.values()];
  }

  private resolveSettled(batch: BatchRecord, removed = false): void {
    const waiters = this.settledWaiters.get(batch.id);
    if (!waiters || (!removed && !isSettled(batch))) return;
    this.settledWaiters.delete(batch.id);
    const info = this.reporter.describe(batch);
    // Settled means the finished files' names are durable too (see FolderSyncs).
    void this.folderSyncs.flush().then(() => {
      for (const resolve of waiters) resolve(info);
    });
  }

  /** Saves the byte progress of running items (at most every `persistIntervalMs`, never per chunk). */
  private persistProgress(): void {
    for (const id of this.runner.runningIds()) {
      const item = this.store.items.get(id);
      if (!item || this.lastPersisted.get(id) === item.bytesDone) continue;
      this.lastPersisted.set(id, item.bytesDone);
      this.journal.append({ t: 'p', id, b: item.bytesDone });
    }
    if (this.journal.wantsCompaction(this.store.items.size + this.store.batches.size)) {
      void this.journal.compact(() => this.snapshot());
    }
  }

  private ensurePersistTimer(): void {
    if (this.persistTimer) return;
    this.persistTimer = setInterval(() => {
      this.persistProgress();
      if (this.runner.size === 0 && this.persistTimer) {
        clearInterval(this.persistTimer);
        this.persistTimer = null;
      }
    }, this.tuning.persistIntervalMs);
    this.persistTimer.unref();
  }

  private snapshot(): Iterable<JournalRecord> {
    return queueSnapshot(this.store, { futureAnswer: this.futureAnswer });
  }

  private restore(contents: JournalContents): void {
    if (contents.settings.futureAnswer !== undefined) this.futureAnswer = contents.settings.futureAnswer;
    restoreQueue(this.store, contents);
    if (contents.unreadable > 0) {
      this.events.emit('error', {
        code: 'INTERNAL',
        message: `${contents.unreadable} damaged line(s) of the saved transfer queue were ignored.`,
      });
    }
  }

  /** The journal could not be written (disk full, permissions): tell the user, keep transferring. */
  private reportError(error: unknown): void {
    const apiError = toApiError(error);
    this.events.emit('error', { ...apiError, message: `The transfer queue could not be saved: ${apiError.message}` });
  }

  private assertOpen(): void {
    if (this.closed) throw new FerryError('CANCELLED', 'The transfer engine is closed.');
  }
}

function isSettled(batch: BatchRecord): boolean {
  return batch.counts.queued === 0 && batch.counts.active === 0;
}

function itemName(item: ItemRecord): string {
  return item.direction === 'download' ? path.basename(item.localPath) : remoteBaseName(item.remotePath);
}

function defaultLabel(request: EnqueueBatch): string {
  if (request.items.length !== 1) return `${request.items.length} items`;
  const only = request.items[0]!;
  return request.direction === 'download' ? remoteBaseName(only.remotePath) : path.basename(only.localPath);
}
