/**
 * What the engine hands a single-file transfer (download or upload), and what
 * the transfer hands back. The transfer functions know files and streams; the
 * engine knows the queue, progress, persistence and conflict policies.
 */
import type { Transform } from 'node:stream';
import type { VerifyResult } from '../../shared/contract/transfers';
import { FerryError } from '../../shared/errors';
import type { RemoteFs } from '../protocol/remote-fs';
import type { InlineMeter } from './byte-meter';
import type { ConflictDecision } from './conflict-policy';
import type { FileFacts, ItemRecord, ResumeRecord } from './model';

/** Per-transfer settings, resolved from the site and the engine's defaults. */
export interface TransferSettings {
  /** Set the target's modification time to the source's. */
  preserveTimestamps: boolean;
  /** Compare checksums where the server can compute one. */
  verify: boolean;
  /** Upload to a temporary name and rename it over the target when complete. */
  uploadTempName: boolean;
  /**
   * FTP transfer type for this file. ASCII converts line endings, so sizes and
   * checksums cannot be compared and a transfer cannot resume mid-file.
   */
  mode: 'binary' | 'ascii';
}

/** One file transfer's view of the engine. */
export interface FileJob {
  item: ItemRecord;
  connection: RemoteFs;
  signal: AbortSignal;
  settings: TransferSettings;
  /**
   * The size and time the folder listing that queued this file reported
   * moments ago, on its first attempt only (else null). A download may use them
   * instead of asking the server again; it must then treat a byte count that
   * differs from this size as a failure (the file changed), and a retry asks afresh.
   */
  listedFacts: FileFacts | null;
  /**
   * Uploads: true on the first attempt of a file whose target cannot exist (its remote folder
   * was created by this batch moments ago, or the caller just found the name free), so it
   * need not be looked up.
   */
  targetKnownAbsent: boolean;
  /**
   * A download gave a file its final name in `folder`: the folder's fsync is
   * batched and done before the journal records the item done (see FolderSyncs).
   */
  placedIn(folder: string): void;
  /**
   * The transfer will not use `connection` again (all bytes arrived and were
   * checked; only local work is left): it goes back to the pool at once, clean.
   */
  doneWithConnection(): void;
  /** A fresh stage for the byte stream: speed limits, progress, stall watchdog. */
  meter(): Transform;
  /**
   * The same duties without a stream stage, for code that calls it as bytes move (a file
   * writer, a small file sent or gathered whole); a stall goes to `onStall`. Null when a
   * speed limit is in force: then {@link meter}, whose small buffer holds the network back
   * at once. A limit set later still reaches an inline meter, after what was gathered.
   */
  inlineMeter(onStall: (error: FerryError) => void): InlineMeter | null;
  /** Records the source's size and time as learned from the server or disk. */
  setSourceFacts(facts: FileFacts): void;
  /** Progress restarts at `bytes` (the resume offset, or 0). */
  setBytesDone(bytes: number): void;
  /** Saves (or clears) what a later resume must know; written to the journal at once. */
  saveResume(record: ResumeRecord | null): void;
  /** What the policy says about an existing target. */
  decide(source: FileFacts, target: FileFacts): ConflictDecision;
  /** The target moves (keep both): `localPath` for a download, `remotePath` for an upload. */
  retarget(path: string): void;
  /** From here on the connection carries a data stream; if it fails, the connection is not reused. */
  markStreaming(): void;
}

/** How a file transfer ended (failures are thrown). */
export type FileOutcome =
  | { result: 'done'; verify: VerifyResult | null; note: string | null }
  | { result: 'skipped'; note: string }
  | { result: 'conflict'; source: FileFacts; target: FileFacts };

/** Thrown when the checksums differ, so the item shows `mismatch` as well as the error. */
export class ChecksumMismatchError extends FerryError {
  constructor(message: string, detail?: string) {
    super('PROTOCOL_ERROR', message, detail);
  }
}
