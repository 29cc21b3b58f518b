/**
 * What a {@link TransferEngine} is built from, and the defaults.
 */
import type {
  ConflictPolicy,
  ConnectionLimits,
  SpeedLimits,
  TransferLimits,
  TransferPriority,
} from '../../shared/contract/transfers';
import type { TimePrecision } from '../../shared/types/remote';
import type { OpenConnection } from './connection-pool';
import type { RetryPolicy } from './retry-policy';

/**
 * Transfer connections per site unless the site says otherwise. FileZilla uses
 * 2; parallel connections hide per-file round trips on many small files. The
 * project's benchmark is meant to settle this number.
 */
export const DEFAULT_CONNECTIONS_PER_SITE = 4;
/** The most transfer connections one site may use. */
export const MAX_CONNECTIONS_PER_SITE = 10;
/** Transfer connections across all sites. */
export const DEFAULT_GLOBAL_CONNECTIONS = 10;

/** A site's own transfer settings (from its profile in the site manager). */
export interface SiteTransferSettings {
  /** Transfer connections for this site (1–10); the browsing connection is not one of them. */
  maxConnections?: number;
  /** Upload to a temporary name and rename when done. Default on; turn off for servers that cannot rename. */
  uploadTempName?: boolean;
  /** Compare checksums where the server can hash. */
  verify?: boolean;
  /** Keep modification times. */
  preserveTimestamps?: boolean;
  /** FTP transfer type per file name (the site's binary / ASCII / automatic rule); binary when absent. */
  transferMode?: (fileName: string) => 'binary' | 'ascii';
}

/** Defaults for new batches and transfers. */
export interface TransferDefaults {
  conflictPolicy: ConflictPolicy;
  skipIdentical: boolean;
  preserveTimestamps: boolean;
  verify: boolean;
  uploadTempName: boolean;
  priority: TransferPriority;
}

/** The built-in defaults: ask on conflicts, skip identical files, keep times, verify, temporary upload names. */
export const BUILT_IN_DEFAULTS: TransferDefaults = {
  conflictPolicy: 'ask',
  skipIdentical: true,
  preserveTimestamps: true,
  verify: true,
  uploadTempName: true,
  priority: 'normal',
};

/** Timings; the defaults suit the app, tests shorten them. */
export interface EngineTuning {
  /** Progress events: one tick per this many ms (about ten a second). */
  progressIntervalMs: number;
  /** Byte progress of running items is saved at most this often. */
  persistIntervalMs: number;
  /** Journal appends are gathered for this long before a write. */
  journalFlushMs: number;
  /** A transfer with no bytes moving for this long fails with TIMEOUT (and is retried). */
  idleTimeoutMs: number;
  /** A batch stops listing more folders while this many of its files wait to start. */
  folderHighWater: number;
  /** Idle transfer connections close after this long. */
  idleConnectionMs: number;
}

export const DEFAULT_TUNING: EngineTuning = {
  progressIntervalMs: 100,
  persistIntervalMs: 2000,
  journalFlushMs: 200,
  idleTimeoutMs: 120_000,
  folderHighWater: 1000,
  idleConnectionMs: 30_000,
};

/** Options of {@link TransferEngine.open}. */
export interface TransferEngineOptions {
  /** The user data folder; the queue lives in its `transfers` subfolder. */
  dataDir: string;
  /** Opens a new transfer connection to a saved site (never the panes' browsing connection). */
  openConnection: OpenConnection;
  limits?: { speed?: Partial<SpeedLimits>; connections?: Partial<ConnectionLimits> };
  /** A site's own settings, looked up when its transfers start. */
  siteSettings?: (site: string) => SiteTransferSettings;
  defaults?: Partial<TransferDefaults>;
  retry?: RetryPolicy;
  /** Milliseconds, for rates (default `performance.now`). */
  now?: () => number;
  tuning?: Partial<EngineTuning>;
  /**
   * Nothing will read the queue back (the CLI's lives in a temporary folder removed when the
   * command ends): it is kept in memory only, not journaled. Downloaded files are still
   * fsynced and their folders synced as always.
   */
  scratchQueue?: boolean;
}

/** One file or folder to queue, as the engine's own callers (API handler, CLI) describe it. */
export interface EnqueueEntry {
  kind: 'file' | 'dir';
  /** Absolute local path: the target of a download, the source of an upload. */
  localPath: string;
  /** Absolute remote path with `/`. */
  remotePath: string;
  /** Source size and time when already known (from a listing); checked again when the file runs. */
  size?: number | null;
  mtime?: number | null;
  mtimePrecision?: TimePrecision | null;
  /**
   * Uploads: the caller looked on the server just now and nothing was at `remotePath`; the
   * file's first attempt need not look again (with `listedJustNow`).
   */
  remoteTargetAbsent?: boolean;
}

/** One user action's worth of transfers. */
export interface EnqueueBatch {
  site: string;
  direction: 'download' | 'upload';
  items: EnqueueEntry[];
  label?: string;
  priority?: TransferPriority;
  conflictPolicy?: ConflictPolicy;
  skipIdentical?: boolean;
  /** Queue the items paused ("Add to queue"); they start when resumed. */
  paused?: boolean;
  /**
   * What the items say about the server was read moments ago (the CLI's own look): a
   * download's first attempt uses the size and time instead of asking the server again, as
   * it does for files a folder listing just queued (a changed file still fails on its byte
   * count); an upload marked `remoteTargetAbsent` does not look for its target again.
   */
  listedJustNow?: boolean;
}

/** The starting limits from options and defaults. */
export function initialLimits(options: TransferEngineOptions['limits']): TransferLimits {
  return {
    speed: { total: 0, download: 0, upload: 0, ...options?.speed },
    connections: {
      global: DEFAULT_GLOBAL_CONNECTIONS,
      perSite: DEFAULT_CONNECTIONS_PER_SITE,
      ...options?.connections,
    },
  };
}

/** `value` kept within `min`…`max`. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}
