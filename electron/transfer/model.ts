/**
 * The transfer engine's records: what the queue holds in memory and writes to
 * its journal. The wire forms (`TransferItem`, `BatchInfo`) live in the
 * contract; these add what only the engine needs (resume facts, the folder a
 * download must stay inside, a pending conflict).
 */
import type {
  ConflictAction,
  ConflictPolicy,
  StateCounts,
  TransferDirection,
  TransferItem,
  TransferPriority,
  TransferState,
} from '../../shared/contract/transfers';
import type { TimePrecision } from '../../shared/types/remote';

/** Facts about one side of a transfer: size and modification time with its precision. */
export interface FileFacts {
  size: number | null;
  mtime: number | null;
  precision: TimePrecision | null;
}

/** What a download recorded when it started its temporary file, to decide later whether resuming is safe. */
export interface DownloadResume {
  kind: 'download';
  /** The temporary file Ferry created; only this file is ever resumed. */
  part: string;
  remoteSize: number | null;
  remoteMtime: number | null;
  /** Bytes known to be on disk (fsynced); a resume after a crash never trusts more. */
  durable: number;
}

/** What an upload recorded when it started writing on the server. */
export interface UploadResume {
  kind: 'upload';
  /** The remote file being written: the temporary name, or the target itself. */
  dest: string;
  localSize: number;
  localMtime: number;
}

export type ResumeRecord = DownloadResume | UploadResume;

/** A target that already exists and waits for the user's answer. */
export interface PendingConflict {
  source: FileFacts;
  target: FileFacts;
}

/** One item as the engine keeps it. */
export interface ItemRecord extends TransferItem {
  /**
   * The local folder this item must stay inside. For a download it is the
   * folder the user chose; names from the server can never lead out of it.
   */
  root: string;
  resume: ResumeRecord | null;
  /** The user's answer for this item's conflict, used once when it runs again. */
  answer: ConflictAction | null;
  conflict: PendingConflict | null;
  /** Precision of `mtime` as the source reported it. */
  mtimePrecision: TimePrecision | null;
}

/** One batch as the engine keeps it; progress figures are computed, not stored. */
export interface BatchRecord {
  id: number;
  site: string;
  direction: TransferDirection;
  label: string;
  createdAt: number;
  priority: TransferPriority;
  conflictPolicy: ConflictPolicy;
  skipIdentical: boolean;
  counts: StateCounts;
  total: number;
  bytesTotal: number;
  bytesDone: number;
  /** Folder items not yet listed. */
  foldersPending: number;
  /** File items queued (ready or waiting for a retry): the walker slows down when there are many. */
  filesQueued: number;
  /** Item ids waiting for a conflict answer, in the order they were found. */
  conflictIds: Set<number>;
}

/** States an item can still leave on its own or by a resume. */
export const UNFINISHED: ReadonlySet<TransferState> = new Set(['queued', 'active', 'paused']);
/** States that end an item's life until the user retries it. */
export const FINISHED: ReadonlySet<TransferState> = new Set(['done', 'failed', 'skipped', 'cancelled']);

/** Priorities from highest to lowest, the order the scheduler looks at them. */
export const PRIORITIES_HIGH_FIRST: readonly TransferPriority[] = ['highest', 'high', 'normal', 'low', 'lowest'];

/** A fresh all-zero count. */
export function emptyCounts(): StateCounts {
  return { queued: 0, active: 0, paused: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 };
}

/** The wire form of an item: the engine's private fields stripped. */
export function toWireItem(item: ItemRecord): TransferItem {
  return {
    id: item.id,
    batchId: item.batchId,
    parentId: item.parentId,
    kind: item.kind,
    direction: item.direction,
    site: item.site,
    localPath: item.localPath,
    remotePath: item.remotePath,
    size: item.size,
    mtime: item.mtime,
    state: item.state,
    bytesDone: item.bytesDone,
    attempts: item.attempts,
    lastError: item.lastError,
    priority: item.priority,
    verify: item.verify,
    note: item.note,
  };
}

/** The remote path of `name` inside remote folder `folder`. */
export function remoteJoin(folder: string, name: string): string {
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

/** The last component of a remote path. */
export function remoteBaseName(remotePath: string): string {
  const trimmed = remotePath.length > 1 ? remotePath.replace(/\/+$/, '') : remotePath;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The folder part of a remote path (`/` for a top-level entry). */
export function remoteDirName(remotePath: string): string {
  const index = remotePath.lastIndexOf('/');
  return index <= 0 ? '/' : remotePath.slice(0, index);
}
