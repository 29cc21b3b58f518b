/**
 * Remote files being edited with a local app. Each gets its own private
 * temporary folder; the folder (not the file) is watched, because editors
 * often save by writing a new file and renaming it over the old one.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, watch, type FSWatcher } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { EditedFile } from '../../shared/contract/edit';
import { FerryError } from '../../shared/errors';
import { baseNameRemote } from '../../shared/paths/remote-path';
import type { EventSink } from '../api/types';
import { validateEntryName } from '../protocol/entry-name';
import type { SessionManager } from '../remote/sessions';
import type { OpenFile } from './system-opener';

/** How long a burst of file events settles before the file is looked at. */
const SETTLE_MS = 250;

interface Editing {
  file: EditedFile;
  folder: string;
  transferKey: string;
  watcher: FSWatcher;
  /**
   * Size, time and inode of the copy the server has. File times tick only every few
   * milliseconds, so a save right after opening can keep size and time; an editor that
   * saves by renaming a new file over the old one always changes the inode.
   */
  baseline: { size: number; mtimeMs: number; ino: number };
  timer: NodeJS.Timeout | null;
}

/** What the edit service needs from the rest of the app. */
export interface EditServiceDeps {
  sessions: SessionManager;
  /** Uploads `localPath` over `remotePath` (through the transfer queue, which never half-replaces a file). */
  upload(transferKey: string, localPath: string, remotePath: string): Promise<void>;
  openFile: OpenFile;
  emit: EventSink;
  /** Where the private folders go (default: the OS temp folder). */
  tempRoot?: string;
}

/** The files being edited. */
export class EditService {
  private readonly editing = new Map<string, Editing>();

  constructor(private readonly deps: EditServiceDeps) {}

  /** Downloads the file, opens it with the system's app, and starts watching it. */
  async open(sessionId: string, remotePath: string): Promise<EditedFile> {
    const session = this.deps.sessions.list().find((s) => s.id === sessionId);
    if (!session) throw new FerryError('NOT_FOUND', 'That connection is closed. Connect again.');
    const name = baseNameRemote(remotePath);
    const check = validateEntryName(name);
    if (!check.ok) throw new FerryError('INVALID_INPUT', `Cannot edit a file with this name: ${check.reason}.`);

    const folder = await mkdtemp(path.join(this.deps.tempRoot ?? os.tmpdir(), 'ferry-edit-'));
    const localPath = path.join(folder, name);
    try {
      const source = await this.deps.sessions.run(sessionId, (fs) => fs.openRead(remotePath));
      // 'wx' + 0600: a fresh private file, never written through something planted there.
      await pipeline(source, createWriteStream(localPath, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    const info = await stat(localPath);
    const openedWith = (await this.deps.openFile(localPath)) ? 'system' : 'none';
    const id = randomUUID();
    const editing: Editing = {
      file: { id, sessionId, remotePath, name, changed: false, changedAt: null, state: 'open', openedWith, localPath },
      folder,
      transferKey: session.transferKey,
      watcher: watch(folder, () => this.settleSoon(id)),
      baseline: { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino },
      timer: null,
    };
    editing.watcher.on('error', () => {});
    this.editing.set(id, editing);
    this.publish(editing);
    return editing.file;
  }

  /** Every file being edited. */
  list(): EditedFile[] {
    return [...this.editing.values()].map((e) => e.file);
  }

  /** Uploads the local copy over the remote file. */
  async upload(id: string): Promise<EditedFile> {
    const editing = this.get(id);
    const before = await stat(editing.file.localPath);
    this.update(editing, { state: 'uploading' });
    try {
      await this.deps.upload(editing.transferKey, editing.file.localPath, editing.file.remotePath);
      editing.baseline = { size: before.size, mtimeMs: before.mtimeMs, ino: before.ino };
      this.update(editing, { state: 'open', changed: false });
    } catch (error) {
      this.update(editing, { state: 'open' });
      throw error;
    }
    // Saved again while uploading: still changed.
    await this.look(id);
    return editing.file;
  }

  /** Stops watching and deletes the local copy. */
  async close(id: string): Promise<void> {
    const editing = this.get(id);
    this.editing.delete(id);
    editing.watcher.close();
    if (editing.timer) clearTimeout(editing.timer);
    await rm(editing.folder, { recursive: true, force: true });
    this.deps.emit('edit.changed', { file: editing.file, closed: true });
  }

  /** Closes everything (shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.editing.keys()].map((id) => this.close(id)));
  }

  private get(id: string): Editing {
    const editing = this.editing.get(id);
    if (!editing) throw new FerryError('NOT_FOUND', 'That file is no longer being edited.');
    return editing;
  }

  private settleSoon(id: string): void {
    const editing = this.editing.get(id);
    if (!editing) return;
    if (editing.timer) clearTimeout(editing.timer);
    editing.timer = setTimeout(() => void this.look(id), SETTLE_MS);
  }

  /** Compares the local copy with what the server has and reports a change. */
  private async look(id: string): Promise<void> {
    const editing = this.editing.get(id);
    if (!editing) return;
    editing.timer = null;
    const info = await stat(editing.file.localPath).catch(() => null);
    if (!info) return; // Mid-rename by the editor; the next event brings the new file.
    const { baseline } = editing;
    const differs = info.size !== baseline.size || info.mtimeMs !== baseline.mtimeMs || info.ino !== baseline.ino;
    if (differs && !editing.file.changed) this.update(editing, { changed: true, changedAt: info.mtimeMs });
  }

  private update(editing: Editing, change: Partial<EditedFile>): void {
    editing.file = { ...editing.file, ...change };
    this.publish(editing);
  }

  private publish(editing: Editing): void {
    this.deps.emit('edit.changed', { file: editing.file, closed: false });
  }
}
