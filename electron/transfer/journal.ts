/**
 * The queue on disk: an append-only journal of JSON lines in the user data
 * folder, rewritten compactly now and then.
 *
 * Why a journal: a change is one short line appended (no rewrite of 10,000
 * items per progress tick), a crash can at worst tear the last line (which is
 * ignored), and replaying "last record wins" is simple to get right. Progress
 * is written at most every few seconds by the engine, not per chunk.
 */
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ConflictAction } from '../../shared/contract/transfers';
import type { BatchRecord, ItemRecord } from './model';

/** The fields of a batch worth keeping; figures are recounted from items on restore. */
export type BatchSnapshot = Pick<
  BatchRecord,
  'id' | 'site' | 'direction' | 'label' | 'createdAt' | 'priority' | 'conflictPolicy' | 'skipIdentical'
>;

/**
 * Engine state that survives a restart besides the queue. (Limits are not here:
 * the app's settings own them and pass them to the engine when it opens.)
 */
export interface EngineSettings {
  /** An answer the user chose for "all future conflicts". */
  futureAnswer?: ConflictAction | null;
}

/** One journal line. */
export type JournalRecord =
  | { t: 'b'; b: BatchSnapshot }
  | { t: 'i'; i: ItemRecord }
  | { t: 'p'; id: number; b: number; d?: number }
  | { t: 'x'; id: number }
  | { t: 'X'; id: number }
  | { t: 's'; s: EngineSettings };

/** What replaying a journal gives. */
export interface JournalContents {
  batches: Map<number, BatchSnapshot>;
  items: Map<number, ItemRecord>;
  settings: EngineSettings;
  /** Lines that could not be read (a torn last line after a crash, or damage). */
  unreadable: number;
  /** Lines read in all (0 for a new queue: nothing to compact). */
  lines: number;
}

/** Tuning; the defaults suit the app, tests make them quicker. */
export interface JournalOptions {
  /** Appends are gathered for this long before one write + fsync. */
  flushDelayMs?: number;
  /** Called when writing fails (disk full); the engine reports it and keeps running. */
  onError?: (error: unknown) => void;
  /**
   * Runs before every write, so what the records describe is on disk before
   * the records are (the engine fsyncs the folders of finished downloads here).
   */
  beforeWrite?: () => Promise<void>;
  /**
   * Nothing will ever read this queue back (the CLI's, in a folder removed when the command
   * ends): records are not written at all, which would only cost time and fsyncs.
   */
  scratch?: boolean;
}

const FILE_NAME = 'queue.jsonl';
/** Records appended between compactions before one is worth it, at the least. */
const MIN_COMPACT_LINES = 20_000;

/** An open journal. */
export class Journal {
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private compacting = false;
  private linesSinceCompact = 0;
  private closed = false;

  private constructor(
    private readonly file: string,
    private handle: FileHandle,
    private readonly options: JournalOptions,
  ) {}

  /** Reads the journal in `folder` (creating the folder) and opens it for appending. */
  static async open(folder: string, options: JournalOptions = {}): Promise<{ journal: Journal; contents: JournalContents }> {
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, FILE_NAME);
    const contents = replay(await readFile(file, 'utf8').catch(notFoundAsEmpty));
    const handle = await open(file, 'a');
    return { journal: new Journal(file, handle, options), contents };
  }

  /** Queues `record` for the next write. */
  append(record: JournalRecord): void {
    if (this.closed || this.options.scratch) return;
    this.buffer.push(JSON.stringify(record));
    this.linesSinceCompact += 1;
    if (this.buffer.length >= 2000) void this.flush();
    else this.scheduleFlush();
  }

  /** True when enough has been appended that a compaction would shrink the file a lot. */
  wantsCompaction(liveRecords: number): boolean {
    return !this.compacting && this.linesSinceCompact > Math.max(MIN_COMPACT_LINES, 4 * liveRecords);
  }

  /** Writes everything appended so far and fsyncs it. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.chain = this.chain.then(() => this.writeBuffer());
    return this.chain;
  }

  /**
   * Replaces the file with `snapshot` (the live records). Records appended while
   * it runs are held back and written after, so the new file replays to the same state.
   */
  compact(snapshot: () => Iterable<JournalRecord>): Promise<void> {
    if (this.compacting || this.closed) return this.chain;
    this.compacting = true;
    // Lines appended before now go to the old file (kept if compaction fails); later ones wait for the new file.
    const before = this.buffer;
    this.buffer = [];
    this.chain = this.chain
      .then(() => this.writeLines(before))
      .then(() => this.rewrite(snapshot()))
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.compacting = false;
      })
      .then(() => this.writeBuffer());
    return this.chain;
  }

  /** Flushes and closes; later appends are ignored. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    await this.chain;
    await this.handle.close().catch(() => undefined);
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.options.flushDelayMs ?? 200);
    this.timer.unref();
  }

  private async writeBuffer(): Promise<void> {
    if (this.compacting || this.buffer.length === 0 || this.closed) return;
    const lines = this.buffer;
    this.buffer = [];
    await this.writeLines(lines);
  }

  private async writeLines(lines: string[]): Promise<void> {
    if (lines.length === 0 || this.closed) return;
    try {
      await this.options.beforeWrite?.();
      await this.handle.appendFile(`${lines.join('\n')}\n`);
      await this.handle.datasync();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async rewrite(records: Iterable<JournalRecord>): Promise<void> {
    const temporary = `${this.file}.compact`;
    const out = await open(temporary, 'w');
    try {
      let chunk: string[] = [];
      let lines = 0;
      for (const record of records) {
        chunk.push(JSON.stringify(record));
        lines += 1;
        if (chunk.length >= 1000) {
          await out.appendFile(`${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      if (chunk.length > 0) await out.appendFile(`${chunk.join('\n')}\n`);
      await out.datasync();
      await out.close();
      await rename(temporary, this.file);
      await syncFolder(path.dirname(this.file));
      await this.handle.close().catch(() => undefined);
      this.handle = await open(this.file, 'a');
      this.linesSinceCompact = lines;
    } catch (error) {
      await out.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/** Applies journal text, last record wins; unreadable lines are counted and skipped. */
export function replay(text: string): JournalContents {
  const contents: JournalContents = { batches: new Map(), items: new Map(), settings: {}, unreadable: 0, lines: 0 };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    contents.lines += 1;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      contents.unreadable += 1;
      continue;
    }
    if (!applyRecord(contents, record)) contents.unreadable += 1;
  }
  return contents;
}

function applyRecord(contents: JournalContents, record: JournalRecord): boolean {
  if (typeof record !== 'object' || record === null) return false;
  switch (record.t) {
    case 'b':
      if (typeof record.b?.id !== 'number') return false;
      contents.batches.set(record.b.id, record.b);
      return true;
    case 'i':
      if (typeof record.i?.id !== 'number' || typeof record.i.batchId !== 'number') return false;
      contents.items.set(record.i.id, record.i);
      return true;
    case 'p': {
      const item = contents.items.get(record.id);
      if (item && typeof record.b === 'number') {
        item.bytesDone = record.b;
        if (typeof record.d === 'number' && item.resume?.kind === 'download') item.resume.durable = record.d;
      }
      return true;
    }
    case 'x':
      contents.items.delete(record.id);
      return true;
    case 'X':
      contents.batches.delete(record.id);
      return true;
    case 's':
      contents.settings = { ...contents.settings, ...record.s };
      return true;
    default:
      return false;
  }
}

/** Makes a rename inside `folder` durable. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined); // Some file systems refuse fsync on a folder; the rename still happened.
  await handle.close().catch(() => undefined);
}

function notFoundAsEmpty(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
  throw error;
}
