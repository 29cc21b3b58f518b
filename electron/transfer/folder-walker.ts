/**
 * Expands one folder item: creates the folder on the target side, lists the
 * source folder, and turns each entry into a child item (files to transfer,
 * subfolders to expand in turn). Folders are expanded one at a time as the
 * scheduler reaches them, never the whole tree up front, so a tree of a million
 * files starts moving bytes after the first listing and the queue only holds
 * what has been listed so far.
 *
 * Every listed name is untrusted. A name that is not a single safe path
 * component (`..`, `a/b`, control characters) becomes a skipped item with the
 * reason, and is never joined to a path.
 */
import { lstat, mkdir, opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { RemoteEntry } from '../../shared/types/remote';
import { escapeEntryName, validateEntryName } from '../protocol/entry-name';
import type { RemoteFs } from '../protocol/remote-fs';
import { earlyDecision, type ConflictDecision } from './conflict-policy';
import { checkLocalTarget, localChildPath, lstatOrNull, rememberCreatedFolder } from './local-target';
import { remoteJoin, type FileFacts, type ItemRecord } from './model';

/** A child the walker found, before it becomes an item. */
export interface ChildSpec {
  kind: 'file' | 'dir';
  name: string;
  localPath: string;
  remotePath: string;
  size: number | null;
  mtime: number | null;
  precision: FileFacts['precision'];
  /** Set when the child must not be transferred (bad name, link to a folder, identical target). */
  skip?: { note: string; invalidName: boolean };
  /** Set when the target already exists and the policy asks the user. */
  conflict?: { source: FileFacts; target: FileFacts };
  /**
   * Download children only: the server listed a regular file (not a link), so
   * `size` and `mtime` are the file's own and fresh enough for a first attempt.
   */
  listedAsFile?: boolean;
  /**
   * Upload children only: the remote folder did not exist and this expansion
   * just created it, so nothing can be in the way of this file or folder yet.
   */
  inNewRemoteFolder?: boolean;
}

/** One folder expansion's view of the engine. */
export interface FolderJob {
  item: ItemRecord;
  connection: RemoteFs;
  signal: AbortSignal;
  /** Names an earlier, interrupted expansion of this folder already queued. */
  alreadyQueued: Set<string>;
  /** Adds children to the queue (called in chunks, so transfers start while a big folder is still read). */
  addChildren(children: ChildSpec[]): void;
  /** What the batch's policy says about a target that exists. */
  decide(source: FileFacts, target: FileFacts): ConflictDecision;
  /**
   * Uploads: this folder's parent was just made on the server, so nothing is at its name and
   * it is made without looking first (a look is a listing of the parent: round trips per folder).
   */
  targetKnownAbsent?: boolean;
}

/** Children are handed to the queue in chunks of this many. */
const CHUNK = 500;

/** Expands a folder item of a download: local folder created, remote folder listed. */
export async function expandDownloadFolder(job: FolderJob): Promise<void> {
  const { item } = job;
  const existing = checkLocalTarget(item.root, item.localPath);
  const existed = existing !== null;
  if (existing && !existing.isDirectory()) {
    throw new FerryError(
      'EEXIST',
      existing.isSymbolicLink()
        ? `${item.localPath} is a link; a download never writes through links.`
        : `A file is in the way of the folder ${item.localPath}.`,
    );
  }
  if (!existed) {
    await mkdir(item.localPath);
    rememberCreatedFolder(item.localPath);
  }
  const entries = await job.connection.list(item.remotePath, { hidden: true, signal: job.signal });
  let chunk: ChildSpec[] = [];
  for (const entry of entries) {
    if (job.alreadyQueued.has(entry.name)) continue;
    chunk.push(await remoteChild(job, entry, existed));
    if (chunk.length >= CHUNK) {
      job.addChildren(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) job.addChildren(chunk);
}

async function remoteChild(job: FolderJob, entry: RemoteEntry, checkTargets: boolean): Promise<ChildSpec> {
  const { item } = job;
  const remotePath = remoteJoin(item.remotePath, entry.name);
  const facts: FileFacts = { size: entry.size, mtime: entry.mtime, precision: entry.mtimePrecision };
  const base = { name: entry.name, remotePath, size: entry.size, mtime: entry.mtime, precision: entry.mtimePrecision };
  const local = localChildPath(item.localPath, entry.name);
  if (!local.ok) return skippedName(base, item.localPath, local.reason, 'file');
  const spec: ChildSpec = { ...base, kind: 'file', localPath: local.path, listedAsFile: entry.kind === 'file' && entry.size !== null };
  if (entry.kind === 'dir') return { ...spec, kind: 'dir', size: null };
  if (entry.kind === 'link' && entry.targetKind === 'dir') {
    return { ...spec, skip: { note: 'Skipped: links to folders are not followed (they can loop forever).', invalidName: false } };
  }
  if (checkTargets) {
    const target = lstatOrNull(local.path);
    if (target && !target.isDirectory()) {
      decideEarly(job, spec, facts, { size: target.size, mtime: target.mtimeMs, precision: 'millisecond' });
    }
  }
  return spec;
}

/**
 * Creates an upload's folder on the server. The batch's own folder may be going where nothing
 * exists yet (`ferry put -r DIR …/new/place/`): when it cannot be made, its missing parents are
 * made too, as FileZilla does. (Tried second: looking for each parent costs round trips that the
 * usual case, a folder dropped into one that exists, does not need.)
 */
async function makeRemoteFolder(connection: RemoteFs, item: ItemRecord): Promise<void> {
  try {
    await connection.mkdir(item.remotePath);
  } catch (error) {
    if (item.parentId !== null) throw error;
    await connection.mkdir(item.remotePath, { parents: true });
  }
}

/** Expands a folder item of an upload: remote folder created, local folder read as a stream. */
export async function expandUploadFolder(job: FolderJob): Promise<void> {
  const { item, connection } = job;
  const info = await stat(item.localPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new FerryError('ENOENT', `${item.localPath} no longer exists.`);
    throw error;
  });
  if (!info.isDirectory()) throw new FerryError('ENOTDIR', `${item.localPath} is not a folder.`);
  let remote = job.targetKnownAbsent ? null : await connection.stat(item.remotePath);
  let remoteEntries: Map<string, RemoteEntry> | null = null;
  if (remote === null) {
    try {
      await makeRemoteFolder(connection, item);
    } catch (error) {
      // Assumed free, but something took the name meanwhile (another client): look after all.
      if (!job.targetKnownAbsent) throw error;
      remote = await connection.stat(item.remotePath);
      if (remote === null) throw error;
    }
  }
  // A folder made just now is empty; one that was there is listed to compare with.
  if (remote !== null) {
    const isFolder = remote.kind === 'dir' || (remote.kind === 'link' && remote.targetKind === 'dir');
    if (!isFolder) throw new FerryError('EEXIST', `A file is in the way of the folder ${item.remotePath} on the server.`);
    remoteEntries = new Map((await connection.list(item.remotePath, { hidden: true, signal: job.signal })).map((entry) => [entry.name, entry]));
  }

  const folder = await opendir(item.localPath);
  let chunk: ChildSpec[] = [];
  for await (const dirent of folder) {
    if (job.signal.aborted) throw job.signal.reason;
    if (job.alreadyQueued.has(dirent.name)) continue;
    const child = await localChild(job, dirent.name, remoteEntries);
    if (child) chunk.push(child);
    if (chunk.length >= CHUNK) {
      job.addChildren(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) job.addChildren(chunk);
}

async function localChild(job: FolderJob, name: string, remoteEntries: Map<string, RemoteEntry> | null): Promise<ChildSpec | null> {
  const { item } = job;
  const localPath = path.join(item.localPath, name);
  const remotePath = remoteJoin(item.remotePath, name);
  const base = { name, localPath, remotePath, size: null, mtime: null, precision: 'millisecond' as const };
  // Local names go into FTP commands: a name with CR/LF would inject one.
  const check = validateEntryName(name);
  if (!check.ok) return skippedName(base, localPath, check.reason, 'file');
  const info = await lstat(localPath).catch(() => null);
  if (info === null) return null; // Deleted while the folder was read.
  let kind: 'file' | 'dir';
  let facts = info;
  if (info.isSymbolicLink()) {
    const target = await stat(localPath).catch(() => null);
    if (target === null) return { ...base, kind: 'file', skip: { note: 'Skipped: the link is broken.', invalidName: false } };
    if (target.isDirectory()) {
      return { ...base, kind: 'file', skip: { note: 'Skipped: links to folders are not followed (they can loop forever).', invalidName: false } };
    }
    facts = target;
  }
  if (facts.isDirectory()) kind = 'dir';
  else if (facts.isFile()) kind = 'file';
  else return { ...base, kind: 'file', skip: { note: 'Skipped: not a regular file (a device, socket or pipe).', invalidName: false } };
  const spec: ChildSpec = {
    ...base,
    kind,
    size: kind === 'file' ? facts.size : null,
    mtime: kind === 'file' ? facts.mtimeMs : null,
    inNewRemoteFolder: remoteEntries === null,
  };
  const there = remoteEntries?.get(name);
  if (kind === 'file' && there && there.kind !== 'dir') {
    decideEarly(job, spec, { size: facts.size, mtime: facts.mtimeMs, precision: 'millisecond' }, {
      size: there.size,
      mtime: there.mtime,
      precision: there.mtimePrecision,
    });
  }
  return spec;
}

/**
 * Applies the policy while listing, so that a batch's conflicts are found
 * together (one "12 files already exist" question) and identical files are
 * skipped without a connection. Other decisions are re-made when the file runs.
 */
function decideEarly(job: FolderJob, spec: ChildSpec, source: FileFacts, target: FileFacts): void {
  const decision = earlyDecision(job.decide(source, target), source);
  if (decision?.action === 'skip') spec.skip = { note: decision.note, invalidName: false };
  else if (decision?.action === 'ask') spec.conflict = { source, target };
}

function skippedName(
  base: Omit<ChildSpec, 'kind' | 'localPath'>,
  folder: string,
  reason: string,
  kind: 'file',
): ChildSpec {
  return {
    ...base,
    kind,
    // The bad name is never joined to a local path: the item points at the folder it was listed in.
    localPath: folder,
    skip: {
      note: `Skipped "${escapeEntryName(base.name)}": ${reason}. The name is not a single file name, so it cannot be written safely.`,
      invalidName: true,
    },
  };
}
