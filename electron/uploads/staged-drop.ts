/**
 * One drop of files from the operating system, being received: the files and
 * folders the renderer announced, written under one private folder as their
 * bytes arrive.
 *
 * Everything here comes from an untrusted renderer. Each name must be one
 * path component (so nothing can be written outside the drop's folder), a
 * file's bytes must arrive in order and add up to exactly the size announced,
 * and operations on one drop run one at a time (so an abort cannot race a
 * write, and two chunks for one file cannot interleave).
 */
import { mkdir, open, rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { MAX_UPLOAD_DEPTH, MAX_UPLOAD_ENTRIES } from '../../shared/contract/uploads';
import { FerryError } from '../../shared/errors';
import { escapeEntryName, MAX_NAME_BYTES, validateEntryName, WINDOWS_FORBIDDEN_CHARACTERS } from '../protocol/entry-name';
import type { EnqueueEntry } from '../transfer/engine-options';
import { remoteJoin } from '../transfer/model';

/** Most file systems cap one name at 255 bytes (not characters). */

/** One announced file or folder. */
interface DropEntry {
  kind: 'file' | 'dir';
  /** The names from the dropped item down. */
  names: string[];
  /** Absolute path of the staged copy. */
  file: string;
  size: number;
  received: number;
  /** Modification time in ms, applied once the file is complete. */
  mtime: number | null;
}

/** What the renderer says about a new entry. */
export type NewDropEntry = { kind: 'file'; path: string[]; size: number; mtime?: number } | { kind: 'dir'; path: string[] };

/** A drop being received; see the module comment. */
export class StagedDrop {
  private readonly entries: DropEntry[] = [];
  /** Kind of every path taken so far (names joined with "/", which no name contains). */
  private readonly kinds = new Map<string, 'file' | 'dir'>();
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Where the dropped entries are staged: `files` inside {@link home}. */
  readonly folder: string;

  /**
   * @param home the drop's private folder (removed whole by {@link discard})
   * @param site the transfer key the uploads go to
   * @param targetFolder the remote folder the dropped items go into
   */
  constructor(
    readonly home: string,
    readonly site: string,
    readonly targetFolder: string,
    readonly label: string | undefined,
  ) {
    this.folder = path.join(home, 'files');
  }

  /** Creates the drop's folder. */
  async create(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
  }

  /** Announces a file (created empty now) or a folder; returns its id for {@link chunk}. */
  add(entry: NewDropEntry): Promise<number> {
    return this.serial(async () => {
      if (this.entries.length >= MAX_UPLOAD_ENTRIES) {
        throw new FerryError('INVALID_INPUT', `A drop can hold at most ${MAX_UPLOAD_ENTRIES.toLocaleString('en-US')} files and folders.`);
      }
      const names = checkNames(entry.path);
      const key = names.join('/');
      if (this.kinds.has(key)) throw new FerryError('EEXIST', `"${escapeEntryName(key)}" was already added to this drop.`);
      for (let depth = 1; depth < names.length; depth++) {
        const parent = names.slice(0, depth).join('/');
        if (this.kinds.get(parent) === 'file') throw new FerryError('ENOTDIR', `"${escapeEntryName(parent)}" is a file, not a folder.`);
      }
      const file = this.pathOf(names);
      await mkdir(entry.kind === 'dir' ? file : path.dirname(file), { recursive: true });
      if (entry.kind === 'file') {
        // 'wx': never reuse or follow anything already there.
        const handle = await open(file, 'wx');
        await handle.close();
      }
      for (let depth = 1; depth < names.length; depth++) this.kinds.set(names.slice(0, depth).join('/'), 'dir');
      this.kinds.set(key, entry.kind);
      const size = entry.kind === 'file' ? entry.size : 0;
      const mtime = entry.kind === 'file' ? (entry.mtime ?? null) : null;
      this.entries.push({ kind: entry.kind, names, file, size, received: 0, mtime });
      if (entry.kind === 'file' && size === 0) await this.completed(this.entries.at(-1)!);
      return this.entries.length - 1;
    });
  }

  /** Writes the next bytes of file `entryId`; `offset` must be what arrived so far. Returns the bytes received. */
  chunk(entryId: number, offset: number, bytes: Buffer): Promise<number> {
    return this.serial(async () => {
      const entry = this.entries[entryId];
      if (!entry || entry.kind !== 'file') throw new FerryError('NOT_FOUND', `This drop has no file number ${entryId}.`);
      const name = escapeEntryName(entry.names.join('/'));
      if (offset !== entry.received) {
        throw new FerryError('INVALID_INPUT', `The bytes of "${name}" arrived out of order: expected offset ${entry.received}, got ${offset}.`);
      }
      if (entry.received + bytes.length > entry.size) {
        throw new FerryError('INVALID_INPUT', `"${name}" is larger than the ${entry.size} bytes announced.`);
      }
      if (bytes.length === 0) return entry.received;
      // 'r+': the file must be the one `add` created; nothing is created here.
      const handle = await open(entry.file, 'r+');
      try {
        await handle.write(bytes, 0, bytes.length, offset);
      } finally {
        await handle.close();
      }
      entry.received += bytes.length;
      if (entry.received === entry.size) await this.completed(entry);
      return entry.received;
    });
  }

  /** Resolves once every call made so far has finished. */
  settled(): Promise<void> {
    return this.serial(async () => undefined);
  }

  /** Throws when a file has not arrived completely; nothing to upload is also an error. */
  checkComplete(): void {
    if (this.entries.length === 0) throw new FerryError('INVALID_INPUT', 'Nothing was dropped.');
    const missing = this.entries.filter((entry) => entry.kind === 'file' && entry.received !== entry.size);
    if (missing.length > 0) {
      const first = missing[0]!;
      throw new FerryError(
        'INVALID_INPUT',
        `${missing.length} dropped file${missing.length === 1 ? '' : 's'} did not arrive completely ("${escapeEntryName(first.names.join('/'))}": ${first.received} of ${first.size} bytes).`,
      );
    }
  }

  /** The engine's entries for the dropped items (the top level; folders expand on the main side like any upload). */
  queueEntries(): EnqueueEntry[] {
    return this.entries
      .filter((entry) => entry.names.length === 1)
      .map((entry): EnqueueEntry => ({
        kind: entry.kind,
        localPath: entry.file,
        remotePath: remoteJoin(this.targetFolder, entry.names[0]!),
        size: entry.kind === 'file' ? entry.size : null,
        mtime: entry.mtime,
        mtimePrecision: entry.mtime === null ? null : 'millisecond',
      }))
      .concat(this.implicitFolders());
  }

  /** Stops accepting calls (after those already running) and removes the drop's folder. */
  discard(): Promise<void> {
    this.closed = true;
    const removal = this.chain.then(() => rm(this.home, { recursive: true, force: true }));
    this.chain = removal.catch(() => undefined);
    return removal;
  }

  /** Folders only known as parents of announced entries, at the top level. */
  private implicitFolders(): EnqueueEntry[] {
    const announced = new Set(this.entries.filter((e) => e.names.length === 1).map((e) => e.names[0]!));
    const folders: EnqueueEntry[] = [];
    for (const [key, kind] of this.kinds) {
      if (kind !== 'dir' || key.includes('/') || announced.has(key)) continue;
      folders.push({ kind: 'dir', localPath: this.pathOf([key]), remotePath: remoteJoin(this.targetFolder, key), size: null, mtime: null });
    }
    return folders;
  }

  private async completed(entry: DropEntry): Promise<void> {
    if (entry.mtime !== null) await utimes(entry.file, new Date(entry.mtime), new Date(entry.mtime));
  }

  /** The staged path of `names`, checked to be inside the drop's folder. */
  private pathOf(names: string[]): string {
    const file = path.join(this.folder, ...names);
    // Belt and braces: the names were checked one by one, and the result must still be inside.
    if (!file.startsWith(this.folder + path.sep)) throw new FerryError('INVALID_INPUT', 'A dropped name leads outside the drop.');
    return file;
  }

  /** Runs `task` after every earlier call on this drop, unless the drop was discarded. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(() => {
      if (this.closed) throw new FerryError('CANCELLED', 'This drop was cancelled.');
      return task();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** The names of a dropped path, each checked to be one path component. */
function checkNames(names: string[]): string[] {
  if (names.length === 0 || names.length > MAX_UPLOAD_DEPTH) throw new FerryError('INVALID_INPUT', 'A dropped path is empty or too deep.');
  for (const name of names) {
    const check = validateEntryName(name);
    if (!check.ok) throw new FerryError('INVALID_INPUT', `"${escapeEntryName(name)}" cannot be uploaded: ${check.reason}.`);
    if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw new FerryError('INVALID_INPUT', `"${escapeEntryName(name)}" is longer than ${MAX_NAME_BYTES} bytes.`);
    // Windows also refuses these in names; on other systems they are fine, but the staged copy must exist on this one.
    if (process.platform === 'win32' && WINDOWS_FORBIDDEN_CHARACTERS.test(name)) {
      throw new FerryError('INVALID_INPUT', `"${escapeEntryName(name)}" contains a character Windows does not allow in names.`);
    }
  }
  return names;
}
