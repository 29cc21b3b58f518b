/** Methods of the local file system pane. Paths are the main process's own. */
import * as z from 'zod';

/** A path sent by the renderer: bounded, no NUL bytes. */
export const LocalPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain a NUL byte');

/**
 * A new name for one entry (create folder, rename): a single path component.
 * The main process checks it again with the platform's own rules (`\\` on
 * Windows): a name must never walk out of the folder it is created in.
 */
export const EntryName = z
  .string()
  .min(1, 'a name cannot be empty')
  .max(255)
  .refine((n) => n !== '.' && n !== '..', 'a name cannot be . or ..')
  .refine((n) => !n.includes('/'), 'a name cannot contain /')
  .refine((n) => !n.includes('\0'), 'a name cannot contain a NUL byte');

/** What could not be done to one entry of a bulk operation, and why. */
export const ItemFailure = z.object({ path: z.string(), message: z.string() });
export type ItemFailure = z.infer<typeof ItemFailure>;

/** One entry of a local folder. */
export const LocalEntry = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['file', 'dir', 'link']),
  /** For a link: what it points at, when that could be read. */
  linkTarget: z.string().optional(),
  /** For a link: the kind of what it points at (`null` when broken). */
  targetKind: z.enum(['file', 'dir', 'other']).nullable().optional(),
  size: z.number(),
  /** Modification time, milliseconds since the epoch (UTC). */
  mtime: z.number(),
  /** `rwxr-xr-x` style. */
  permissions: z.string(),
  hidden: z.boolean(),
});
export type LocalEntry = z.infer<typeof LocalEntry>;

/** One step of a breadcrumb: a folder name and its full path. */
export const PathSegment = z.object({ name: z.string(), path: z.string() });
export type PathSegment = z.infer<typeof PathSegment>;

/** A listed local folder. */
export const LocalListing = z.object({
  path: z.string(),
  parent: z.string().nullable(),
  segments: z.array(PathSegment),
  entries: z.array(LocalEntry),
});
export type LocalListing = z.infer<typeof LocalListing>;

export const localMethods = {
  'local.home': { input: z.object({}).strict(), output: z.object({ path: z.string() }) },
  'local.list': { input: z.object({ path: LocalPath }).strict(), output: LocalListing },
  'local.join': {
    input: z.object({ base: LocalPath, name: z.string().min(1).max(1024) }).strict(),
    output: z.object({ path: z.string() }),
  },
  'local.parent': {
    input: z.object({ path: LocalPath }).strict(),
    output: z.object({ path: z.string().nullable() }),
  },
  /** Creates the folder `name` inside `parent` (which must exist); fails if it exists. */
  'local.mkdir': {
    input: z.object({ parent: LocalPath, name: EntryName }).strict(),
    output: z.object({ path: z.string() }),
  },
  /** Renames the entry at `path` to `name` in the same folder; never replaces an existing entry. */
  'local.rename': {
    input: z.object({ path: LocalPath, name: EntryName }).strict(),
    output: z.object({ path: z.string() }),
  },
  /**
   * Deletes files, links (the link itself, never its target) and folders with
   * everything in them. One failure does not stop the rest; each is reported.
   */
  'local.remove': {
    input: z.object({ paths: z.array(LocalPath).min(1).max(100_000) }).strict(),
    output: z.object({ removed: z.number(), failed: z.array(ItemFailure) }),
  },
} as const;
