/** Entries of a remote folder, as every protocol reports them. */
import * as z from 'zod';

/** How precise a modification time is: LIST often gives only a day or a minute. */
export const TimePrecision = z.enum(['day', 'minute', 'second', 'millisecond']);
export type TimePrecision = z.infer<typeof TimePrecision>;

/** One entry of a remote folder. Every field the server did not tell is `null`. */
export const RemoteEntry = z.object({
  /** One path component, already checked by the parser (see `validateEntryName`). */
  name: z.string(),
  kind: z.enum(['file', 'dir', 'link']),
  /** For a link: the target as the server reported it. */
  linkTarget: z.string().optional(),
  /** For a link: what the target is, when known; `null` when broken or unknown. */
  targetKind: z.enum(['file', 'dir']).nullable().optional(),
  size: z.number().nullable(),
  /** Modification time, milliseconds since the epoch, UTC. */
  mtime: z.number().nullable(),
  mtimePrecision: TimePrecision.nullable(),
  /** `rwxr-xr-x` style when the server gave Unix permissions, else the server's own text. */
  permissions: z.string().nullable(),
  /** Unix mode bits (`0o755`) when known. */
  mode: z.number().nullable(),
  owner: z.string().nullable(),
  group: z.string().nullable(),
  /** The listing line this entry came from, for the log. */
  raw: z.string().optional(),
});
export type RemoteEntry = z.infer<typeof RemoteEntry>;
