/**
 * View/edit a remote file: Ferry downloads it to a private temporary folder,
 * opens it with the system's app, watches it, and offers to upload each save.
 */
import * as z from 'zod';
import { RemotePath } from './remote';

/** A remote file being edited locally. */
export const EditedFile = z.object({
  id: z.string(),
  sessionId: z.string(),
  remotePath: z.string(),
  name: z.string(),
  /** Saved locally since it was opened or last uploaded. */
  changed: z.boolean(),
  /** When the local copy last changed (ms since the epoch). */
  changedAt: z.number().nullable(),
  /** `uploading` while a save is on its way to the server. */
  state: z.enum(['open', 'uploading']),
  /** How it was opened: `system` (an app was started) or `none` (no app could be started; the path is shown). */
  openedWith: z.enum(['system', 'none']),
  /** The local copy, for the user to open themselves when no app could be started. */
  localPath: z.string(),
});
export type EditedFile = z.infer<typeof EditedFile>;

const EditId = z.string().min(1).max(100);

export const editMethods = {
  'edit.open': { input: z.object({ sessionId: z.string().min(1).max(100), path: RemotePath }).strict(), output: EditedFile },
  'edit.list': { input: z.object({}).strict(), output: z.array(EditedFile) },
  'edit.upload': { input: z.object({ id: EditId }).strict(), output: EditedFile },
  'edit.close': { input: z.object({ id: EditId }).strict(), output: z.object({}) },
} as const;

export const editEvents = {
  /** A file being edited changed (saved locally, uploaded, closed: `closed: true`). */
  'edit.changed': z.object({ file: EditedFile, closed: z.boolean() }),
} as const;
