/**
 * What a pane can change on its side (this machine or a server). The pane
 * components call these and never the API directly, so one component serves
 * both sides; each side implements them in its own file.
 */
import type { PaneEntry } from '../lib/entries';

/** How many of a bulk operation's items failed, and why. */
export interface BulkOutcome {
  /** Items done. */
  done: number;
  failed: { path: string; message: string }[];
}

/** Which entries a recursive permission change touches (FileZilla's choices). */
export type Recurse = 'none' | 'all' | 'files' | 'folders';

/** The file operations of one pane. */
export interface PaneOperations {
  /** Creates folder `name` inside `folder`; resolves to the new folder's key (its path). */
  createFolder(folder: string, name: string): Promise<string>;
  /** Renames `entry` within its folder; resolves to its new key. */
  rename(entry: PaneEntry, name: string): Promise<string>;
  /** Deletes the entries (folders with their contents, links without following them). */
  remove(entries: readonly PaneEntry[]): Promise<BulkOutcome>;
  /** Sets permissions (servers only). */
  chmod?(entries: readonly PaneEntry[], mode: number, recurse: Recurse): Promise<BulkOutcome>;
  /** The `ftp://…` address of a path (servers only). */
  urlOf?(path: string): string;
  /** Servers only: download a file to a private folder, open it with the system's app, watch for saves. */
  edit?(path: string): Promise<void>;
  /** Turns what the user typed into the path field into a folder to open, or throws a sentence. */
  resolveTypedPath(text: string, current: string | null): Promise<string>;
  /** The folder `name` directly inside `folder`, for synchronized browsing. */
  childPath(folder: string, name: string): Promise<string>;
}
