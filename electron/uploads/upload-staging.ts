/**
 * Receives files dropped from the operating system (their bytes, sent by the
 * renderer) into a private folder under Ferry's data folder, then queues them
 * as one batch of ordinary uploads.
 *
 * Staged copies live in `<dataDir>/uploads/<id>/files/`; `<id>/drop.json`
 * records the batch once queued. A drop's folder is removed when the drop is
 * aborted, when nobody sends anything for it for a while (the window closed or
 * reloaded mid-drop), when its batch has uploaded everything, and when its
 * batch leaves the queue. On start, folders that belong to no batch in the
 * queue are removed, so an interrupted drop never leaks disk space.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BatchInfo } from '../../shared/contract/transfers';
import { FerryError } from '../../shared/errors';
import type { TransferEngine } from '../transfer/engine';
import { StagedDrop, type NewDropEntry } from './staged-drop';

/** What the staging needs of the transfer engine. */
export type StagingQueue = Pick<TransferEngine, 'enqueue' | 'batch' | 'on'>;

/** Options of {@link UploadStaging.open}. */
export interface UploadStagingOptions {
  /** Ferry's data folder; drops are staged in its `uploads` subfolder. */
  dataDir: string;
  queue: StagingQueue;
  /** A drop with no call for this long is thrown away (default two minutes). */
  idleMs?: number;
  /** Drops received at the same time (default 8). */
  maxOpenDrops?: number;
}

/** A drop being received. */
interface OpenDrop {
  drop: StagedDrop;
  timer: NodeJS.Timeout;
}

const DEFAULT_IDLE_MS = 120_000;
const DEFAULT_MAX_OPEN_DROPS = 8;

/** See the module comment. */
export class UploadStaging {
  private readonly root: string;
  private readonly open = new Map<string, OpenDrop>();
  /** Queued drops: batch id → the drop's folder. */
  private readonly queued = new Map<number, string>();
  private readonly stops: Array<() => void> = [];
  private readonly idleMs: number;
  private readonly maxOpenDrops: number;

  private constructor(private readonly options: UploadStagingOptions) {
    this.root = path.join(path.resolve(options.dataDir), 'uploads');
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.maxOpenDrops = options.maxOpenDrops ?? DEFAULT_MAX_OPEN_DROPS;
  }

  /** Starts the staging: removes leftovers no queued batch needs and follows the queue. */
  static async open(options: UploadStagingOptions): Promise<UploadStaging> {
    const staging = new UploadStaging(options);
    await mkdir(staging.root, { recursive: true });
    await staging.sweep();
    staging.stops.push(
      options.queue.on('batches', ({ removed }) => {
        for (const id of removed) staging.release(id);
      }),
      options.queue.on('progress', ({ batches }) => {
        for (const batch of batches) if (uploadedEverything(batch)) staging.release(batch.id);
      }),
    );
    return staging;
  }

  /** Opens a drop for `targetFolder` on `site`; returns its id. */
  async start(request: { site: string; targetFolder: string; label?: string }): Promise<string> {
    if (this.open.size >= this.maxOpenDrops) {
      throw new FerryError('LOCKED', `Ferry is already receiving ${this.open.size} drops. Wait until one is queued, then drop again.`);
    }
    const id = randomBytes(16).toString('hex');
    const drop = new StagedDrop(path.join(this.root, id), request.site, request.targetFolder, request.label);
    this.open.set(id, { drop, timer: this.idleTimer(id) });
    await drop.create();
    return id;
  }

  /** Announces a file or folder of drop `id`. */
  async add(id: string, entry: NewDropEntry): Promise<number> {
    return this.touch(id).add(entry);
  }

  /** Writes the next bytes of a file of drop `id`. */
  async chunk(id: string, entryId: number, offset: number, bytes: Buffer): Promise<number> {
    return this.touch(id).chunk(entryId, offset, bytes);
  }

  /** Queues drop `id` as one batch of uploads (every file must have arrived). */
  async finish(id: string): Promise<BatchInfo> {
    const drop = this.touch(id);
    await drop.settled();
    drop.checkComplete();
    // Taken out of the open drops first, so a second finish cannot queue it twice.
    this.forget(id);
    let batch: BatchInfo;
    try {
      batch = await this.options.queue.enqueue({
        site: drop.site,
        direction: 'upload',
        items: drop.queueEntries(),
        ...(drop.label ? { label: drop.label } : {}),
      });
    } catch (error) {
      await drop.discard();
      throw error;
    }
    const folder = drop.home;
    // Recorded so a restart knows which batch still needs these files.
    await writeFile(path.join(folder, 'drop.json'), JSON.stringify({ batchId: batch.id }));
    this.queued.set(batch.id, folder);
    // Events that came while the record was written were not matched to this drop: look again now.
    const now = this.options.queue.batch(batch.id);
    if (now === null || uploadedEverything(now)) this.release(batch.id);
    return batch;
  }

  /** Throws drop `id` away with its bytes. Unknown ids are ignored (it may have expired). */
  async abort(id: string): Promise<void> {
    const entry = this.open.get(id);
    if (!entry) return;
    this.forget(id);
    await entry.drop.discard();
  }

  /** Drops being received and queued drops' folders, for tests and diagnostics. */
  get counts(): { open: number; queued: number } {
    return { open: this.open.size, queued: this.queued.size };
  }

  /** Stops: drops still being received are thrown away; queued ones stay for their batch. */
  async close(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    await Promise.all([...this.open.keys()].map((id) => this.abort(id)));
  }

  /** The open drop `id`, its idle timer restarted. */
  private touch(id: string): StagedDrop {
    const entry = this.open.get(id);
    if (!entry) throw new FerryError('NOT_FOUND', 'This drop is no longer open (it was finished, cancelled, or waited too long). Drop the files again.');
    clearTimeout(entry.timer);
    entry.timer = this.idleTimer(id);
    return entry.drop;
  }

  private idleTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.abort(id), this.idleMs);
    timer.unref();
    return timer;
  }

  private forget(id: string): void {
    const entry = this.open.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.open.delete(id);
  }

  /** Removes a queued drop's folder: its batch no longer needs the files. */
  private release(batchId: number): void {
    const folder = this.queued.get(batchId);
    if (folder === undefined) return;
    this.queued.delete(batchId);
    void rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Keeps the folders of batches still in the queue; removes the rest. */
  private async sweep(): Promise<void> {
    for (const name of await readdir(this.root)) {
      const folder = path.join(this.root, name);
      const batchId = await readBatchId(folder);
      const batch = batchId === null ? null : this.options.queue.batch(batchId);
      if (batch && !uploadedEverything(batch)) this.queued.set(batch.id, folder);
      else await rm(folder, { recursive: true, force: true });
    }
  }
}

/** True when every item of the batch is done or skipped: nothing can need the staged files again. */
function uploadedEverything(batch: BatchInfo): boolean {
  return !batch.expanding && batch.total > 0 && batch.counts.done + batch.counts.skipped === batch.total;
}

/** The batch a staged drop was queued as, or `null` when it never was (or the record is damaged). */
async function readBatchId(folder: string): Promise<number | null> {
  try {
    const record = JSON.parse(await readFile(path.join(folder, 'drop.json'), 'utf8')) as { batchId?: unknown };
    return typeof record.batchId === 'number' && Number.isInteger(record.batchId) ? record.batchId : null;
  } catch {
    return null;
  }
}
