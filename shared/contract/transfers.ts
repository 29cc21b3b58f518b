/**
 * Methods and events of the transfer queue: what a renderer may ask of the
 * transfer engine and what the engine tells every renderer.
 *
 * The queue can hold hundreds of thousands of items, so nothing here ever sends
 * the whole queue: the renderer pages through it (`transfers.page`, at most
 * {@link MAX_PAGE} items per call) and follows changes through batched events.
 */
import * as z from 'zod';
import { ApiErrorSchema } from '../errors';
import { LocalPath } from './local';

/** Most items one `transfers.page` call returns. */
export const MAX_PAGE = 500;
/** Most sources one `transfers.enqueue` call may name (a selection, not a tree: folders expand on the main side). */
export const MAX_ENQUEUE_SOURCES = 10_000;
/** Most conflicts listed in one conflict request; `total` tells how many there are. */
export const MAX_CONFLICTS_LISTED = 500;

/** Which way bytes move. */
export const TransferDirection = z.enum(['download', 'upload']);
export type TransferDirection = z.infer<typeof TransferDirection>;

/** Where an item is in its life. `paused` covers paused by the user, after a restart, and waiting for a conflict answer. */
export const TransferState = z.enum(['queued', 'active', 'paused', 'done', 'failed', 'skipped', 'cancelled']);
export type TransferState = z.infer<typeof TransferState>;

/** Priorities, lowest first. Higher priorities start first; FIFO within one priority. */
export const TransferPriority = z.enum(['lowest', 'low', 'normal', 'high', 'highest']);
export type TransferPriority = z.infer<typeof TransferPriority>;

/** What to do when the target already exists. */
export const ConflictAction = z.enum([
  'overwrite',
  'overwriteIfNewer',
  'overwriteIfSizeDiffers',
  'overwriteIfSizeDiffersOrNewer',
  'resume',
  'keepBoth',
  'skip',
]);
export type ConflictAction = z.infer<typeof ConflictAction>;

/** A batch's conflict policy: one of the actions, or ask the user (the default). */
export const ConflictPolicy = z.enum(['ask', ...ConflictAction.options]);
export type ConflictPolicy = z.infer<typeof ConflictPolicy>;

/** Outcome of checksum verification for one item. */
export const VerifyResult = z.enum(['verified', 'not-verifiable', 'mismatch']);
export type VerifyResult = z.infer<typeof VerifyResult>;

/** A site as the queue knows it: the saved site's key. */
export const SiteKey = z.string().min(1).max(256);

/** An absolute remote path: starts with `/`, no NUL, CR or LF (they would inject FTP commands). */
export const RemotePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/'), 'a remote path must be absolute (start with "/")')
  .refine((p) => !/[\0\r\n]/.test(p), 'a remote path cannot contain NUL, CR or LF');

/** One file or folder in the queue. */
export const TransferItem = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  /** The folder item whose expansion created this one, or `null` for what the user queued. */
  parentId: z.number().int().nullable(),
  kind: z.enum(['file', 'dir']),
  direction: TransferDirection,
  site: z.string(),
  localPath: z.string(),
  remotePath: z.string(),
  /** Size of the source in bytes, `null` until known (always `null` for folders). */
  size: z.number().nullable(),
  /** Modification time of the source, ms since the epoch, `null` when unknown. */
  mtime: z.number().nullable(),
  state: TransferState,
  bytesDone: z.number(),
  /** How many times a transfer was started (1 on the first try). */
  attempts: z.number().int(),
  lastError: ApiErrorSchema.nullable(),
  priority: TransferPriority,
  verify: VerifyResult.nullable(),
  /** Why an item was skipped or is paused, in words ("Same size and time as the existing file."). */
  note: z.string().nullable(),
});
export type TransferItem = z.infer<typeof TransferItem>;

/** How many items of a batch are in each state. */
export const StateCounts = z.object({
  queued: z.number(),
  active: z.number(),
  paused: z.number(),
  done: z.number(),
  failed: z.number(),
  skipped: z.number(),
  cancelled: z.number(),
});
export type StateCounts = z.infer<typeof StateCounts>;

/** What one user action queued (a drag, a "Download" of a selection), shown as one expandable row. */
export const BatchInfo = z.object({
  id: z.number().int(),
  site: z.string(),
  direction: TransferDirection,
  /** A short title ("photos", "300 items"). */
  label: z.string(),
  createdAt: z.number(),
  priority: TransferPriority,
  conflictPolicy: ConflictPolicy,
  /** Whether files with the same size and time as the target are skipped. */
  skipIdentical: z.boolean(),
  counts: StateCounts,
  /** Items known so far (folders still being listed add more). */
  total: z.number(),
  /** Bytes this batch will move as far as known (skipped and cancelled items not counted). */
  bytesTotal: z.number(),
  bytesDone: z.number(),
  /** Bytes per second over the last few seconds. */
  rate: z.number(),
  /** Files finished per second over the last few seconds. */
  filesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  /** True while folders of this batch are still waiting to be listed. */
  expanding: z.boolean(),
  /** Items waiting for a conflict answer. */
  conflicts: z.number(),
});
export type BatchInfo = z.infer<typeof BatchInfo>;

/** One active item's progress. */
export const ItemProgress = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  bytesDone: z.number(),
  size: z.number().nullable(),
  rate: z.number(),
  etaSeconds: z.number().nullable(),
});
export type ItemProgress = z.infer<typeof ItemProgress>;

/** One batched progress update (about ten a second in total while something moves). */
export const ProgressUpdate = z.object({
  time: z.number(),
  batches: z.array(BatchInfo),
  items: z.array(ItemProgress),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;

/** Size and time of one side of a conflict. */
export const ConflictSide = z.object({ size: z.number().nullable(), mtime: z.number().nullable() });

/** One file whose target already exists. */
export const ConflictEntry = z.object({
  itemId: z.number().int(),
  /** The file name, as it will be written. */
  name: z.string(),
  localPath: z.string(),
  remotePath: z.string(),
  /** What would be transferred. */
  source: ConflictSide,
  /** What is already there. */
  target: ConflictSide,
  /** `true` when the source is newer, `null` when the times cannot tell. */
  sourceNewer: z.boolean().nullable(),
  /** `true` when the source is larger, `null` when a size is unknown. */
  sourceLarger: z.boolean().nullable(),
});
export type ConflictEntry = z.infer<typeof ConflictEntry>;

/** "12 files already exist": every open conflict of one batch, re-sent whole when it changes. */
export const ConflictRequest = z.object({
  batchId: z.number().int(),
  site: z.string(),
  direction: TransferDirection,
  /** How many items wait for an answer (the list may be shorter, see {@link MAX_CONFLICTS_LISTED}). */
  total: z.number(),
  conflicts: z.array(ConflictEntry),
});
export type ConflictRequest = z.infer<typeof ConflictRequest>;

/** An answer to a conflict request. */
export const ConflictAnswer = z.object({
  batchId: z.number().int(),
  action: ConflictAction,
  /** `items`: only `itemIds`; `batch`: every conflict of the batch now and later; `future`: also every later batch. */
  applyTo: z.enum(['items', 'batch', 'future']),
  itemIds: z.array(z.number().int()).max(MAX_CONFLICTS_LISTED).optional(),
});
export type ConflictAnswer = z.infer<typeof ConflictAnswer>;

/** Speed limits in bytes per second; 0 means no limit. */
export const SpeedLimits = z.object({
  total: z.number().int().min(0),
  download: z.number().int().min(0),
  upload: z.number().int().min(0),
});
export type SpeedLimits = z.infer<typeof SpeedLimits>;

/** Transfer connections: across all sites, and per site unless the site sets its own. */
export const ConnectionLimits = z.object({
  global: z.number().int().min(1).max(50),
  perSite: z.number().int().min(1).max(10),
});
export type ConnectionLimits = z.infer<typeof ConnectionLimits>;

/** Every limit the engine applies. */
export const TransferLimits = z.object({ speed: SpeedLimits, connections: ConnectionLimits });
export type TransferLimits = z.infer<typeof TransferLimits>;

/** What a control action applies to. */
export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), id: z.number().int() }).strict(),
  z.object({ kind: z.literal('batch'), id: z.number().int() }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/** Which items a page shows: the queue's tabs. */
export const QueueView = z.enum(['all', 'pending', 'failed', 'finished']);
export type QueueView = z.infer<typeof QueueView>;

/** Options every enqueue shares. */
const EnqueueOptions = {
  site: SiteKey,
  priority: TransferPriority.optional(),
  conflictPolicy: ConflictPolicy.optional(),
  skipIdentical: z.boolean().optional(),
  label: z.string().max(200).optional(),
  /** "Add to queue": the items wait, paused, until the user resumes them. */
  paused: z.boolean().optional(),
};

/** A remote file or folder from a listing, to download. */
export const RemoteSource = z
  .object({
    path: RemotePath,
    kind: z.enum(['file', 'dir']),
    size: z.number().nullable().optional(),
    mtime: z.number().nullable().optional(),
  })
  .strict();

/** Input of `transfers.enqueue`: a selection and the folder it goes into. */
export const EnqueueRequest = z.discriminatedUnion('direction', [
  z
    .object({
      direction: z.literal('download'),
      sources: z.array(RemoteSource).min(1).max(MAX_ENQUEUE_SOURCES),
      /** The local folder the selection goes into. */
      targetFolder: LocalPath,
      ...EnqueueOptions,
    })
    .strict(),
  z
    .object({
      direction: z.literal('upload'),
      /** Local files and folders; their kind and size are read on the main side. */
      sources: z.array(LocalPath).min(1).max(MAX_ENQUEUE_SOURCES),
      /** The remote folder the selection goes into. */
      targetFolder: RemotePath,
      ...EnqueueOptions,
    })
    .strict(),
]);
export type EnqueueRequest = z.infer<typeof EnqueueRequest>;

/** Answer of a control call: how many items it changed. */
const Affected = z.object({ affected: z.number() });

export const transfersMethods = {
  'transfers.enqueue': { input: EnqueueRequest, output: BatchInfo },
  'transfers.page': {
    input: z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(MAX_PAGE).default(100),
        view: QueueView.default('all'),
        batchId: z.number().int().optional(),
      })
      .strict(),
    output: z.object({ total: z.number(), items: z.array(TransferItem) }),
  },
  'transfers.batches': { input: z.object({}).strict(), output: z.object({ batches: z.array(BatchInfo) }) },
  'transfers.control': {
    input: z.object({ action: z.enum(['pause', 'resume', 'cancel', 'retry']), target: TransferTarget }).strict(),
    output: Affected,
  },
  'transfers.prioritise': {
    input: z.object({ target: TransferTarget, priority: TransferPriority }).strict(),
    output: Affected,
  },
  'transfers.clearFinished': {
    input: z.object({ batchId: z.number().int().optional() }).strict(),
    output: z.object({ removed: z.number() }),
  },
  'transfers.conflicts': {
    input: z.object({ batchId: z.number().int() }).strict(),
    output: z.object({ request: ConflictRequest.nullable() }),
  },
  'transfers.answerConflict': { input: ConflictAnswer.strict(), output: z.object({ resolved: z.number() }) },
  'transfers.limits': { input: z.object({}).strict(), output: TransferLimits },
  'transfers.setLimits': {
    input: z
      .object({ speed: SpeedLimits.partial().optional(), connections: ConnectionLimits.partial().optional() })
      .strict(),
    output: TransferLimits,
  },
} as const;

/** Items that changed state (not progress: see `transfers.progress`). */
export const ItemsChanged = z.object({
  items: z.array(TransferItem),
  /** Ids removed from the queue (cleared). */
  removed: z.array(z.number().int()),
  /** More changed than one event carries: page the queue again. */
  resync: z.boolean(),
});
export type ItemsChanged = z.infer<typeof ItemsChanged>;

/** Batches added, changed or removed. */
export const BatchesChanged = z.object({ batches: z.array(BatchInfo), removed: z.array(z.number().int()) });
export type BatchesChanged = z.infer<typeof BatchesChanged>;

export const transfersEvents = {
  'transfers.progress': ProgressUpdate,
  'transfers.items': ItemsChanged,
  'transfers.batches': BatchesChanged,
  'transfers.conflict': ConflictRequest,
} as const;
