/**
 * Methods that carry the bytes of files dropped from the operating system into
 * the main process, so they can be uploaded like any local file.
 *
 * A browser page cannot name a file on disk, it can only read the bytes of a
 * dropped `File`. So a drop is staged: `uploads.start` opens a drop, each file
 * and folder of it is announced with `uploads.add`, the bytes of each file
 * follow in order with `uploads.chunk` (at most {@link MAX_UPLOAD_CHUNK} bytes,
 * one chunk in flight per file: the answer is the backpressure), and
 * `uploads.finish` queues the whole drop as ONE batch of uploads.
 * `uploads.abort` throws a drop away. A drop nobody talks to for a while is
 * thrown away by the main process.
 */
import * as z from 'zod';
import { BatchInfo, RemotePath, SiteKey } from './transfers';

/** Most bytes one `uploads.chunk` carries (1 MiB). */
export const MAX_UPLOAD_CHUNK = 1024 * 1024;
/** The base64 length of {@link MAX_UPLOAD_CHUNK} bytes. */
export const MAX_UPLOAD_CHUNK_BASE64 = Math.ceil(MAX_UPLOAD_CHUNK / 3) * 4;
/** Most files and folders one drop may hold. */
export const MAX_UPLOAD_ENTRIES = 100_000;
/** Deepest folder nesting a drop may have. */
export const MAX_UPLOAD_DEPTH = 64;

/** A drop's id, made by the main process. */
export const UploadId = z.string().regex(/^[0-9a-f]{32}$/, 'not an upload id');

/** One name of a dropped path: the main process checks it again as one path component. */
const PathPart = z.string().min(1).max(255);

/** Where in the drop an entry is: its names from the dropped item down (`["photos", "2024", "a.jpg"]`). */
export const DropPath = z.array(PathPart).min(1).max(MAX_UPLOAD_DEPTH);

/** Base64 text of at most {@link MAX_UPLOAD_CHUNK} bytes. */
export const ChunkData = z
  .string()
  .max(MAX_UPLOAD_CHUNK_BASE64)
  .refine((text) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text), 'the data is not base64');

export const uploadsMethods = {
  /** Opens a drop whose files go into `targetFolder` on `site` (a session's `transferKey`). */
  'uploads.start': {
    input: z.object({ site: SiteKey, targetFolder: RemotePath, label: z.string().max(200).optional() }).strict(),
    output: z.object({ uploadId: UploadId }),
  },
  /** Announces a file (with its exact size) or a folder of the drop. Parents are created as needed. */
  'uploads.add': {
    input: z.discriminatedUnion('kind', [
      z
        .object({
          uploadId: UploadId,
          kind: z.literal('file'),
          path: DropPath,
          size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
          /** The file's modification time (ms since the epoch), kept on the staged copy. */
          mtime: z.number().int().min(0).max(8_640_000_000_000_000).optional(),
        })
        .strict(),
      z.object({ uploadId: UploadId, kind: z.literal('dir'), path: DropPath }).strict(),
    ]),
    output: z.object({ entryId: z.number().int() }),
  },
  /** The next bytes of a file: `offset` must be what was received so far. */
  'uploads.chunk': {
    input: z
      .object({
        uploadId: UploadId,
        entryId: z.number().int().min(0),
        offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        data: ChunkData,
      })
      .strict(),
    output: z.object({ received: z.number() }),
  },
  /** Every file arrived complete: queue the drop as one batch of uploads. */
  'uploads.finish': { input: z.object({ uploadId: UploadId }).strict(), output: BatchInfo },
  /** Throws the drop and its bytes away. */
  'uploads.abort': { input: z.object({ uploadId: UploadId }).strict(), output: z.object({}) },
} as const;
