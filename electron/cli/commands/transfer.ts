/**
 * `ferry get` and `ferry put`: one file, or a folder tree with -r, through the
 * transfer engine, so the command line gets the same never-lose-data rules,
 * parallel connections, retries and conflict policies as the app.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_PAGE, type BatchInfo, type ConflictAction, type ConflictPolicy, type ConflictRequest, type TransferItem } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import { baseNameRemote, joinRemote } from '../../../shared/paths/remote-path';
import type { RemoteFs } from '../../protocol/remote-fs';
import { TransferEngine } from '../../transfer/engine';
import { ProgressLine } from '../progress-line';

/** The `--on-conflict` words and what they mean to the engine. */
export const CONFLICT_WORDS: Record<string, ConflictPolicy> = {
  ask: 'ask',
  overwrite: 'overwrite',
  newer: 'overwriteIfNewer',
  size: 'overwriteIfSizeDiffers',
  resume: 'resume',
  rename: 'keepBoth',
  skip: 'skip',
};

/** What a transfer command needs. */
export interface TransferCommand {
  direction: 'download' | 'upload';
  /** Remote path from the URL, and whether the URL ended with `/`. */
  remotePath: string;
  remoteIsFolder: boolean;
  /** Local path as typed (`null` for `get URL` without LOCAL: the current folder). */
  localPath: string | null;
  recursive: boolean;
  parallel: number | null;
  onConflict: string;
  /** Opens one more connection to the server (the engine's pool calls it). */
  open(): Promise<RemoteFs>;
  /**
   * A connection for looking at the source and target before queueing; afterwards the
   * engine's pool takes it over as its first transfer connection (and closes it).
   */
  browse: RemoteFs;
  ask(question: string): Promise<string | null>;
  interactive: boolean;
  stderr: NodeJS.WritableStream;
  print(text: string): void;
}

/** Runs a get/put; rejects (exit code 1) when any file failed, listing them. */
export async function runTransfer(command: TransferCommand): Promise<void> {
  const policy = CONFLICT_WORDS[command.onConflict];
  if (!policy) throw new FerryError('INVALID_INPUT', `--on-conflict takes ${Object.keys(CONFLICT_WORDS).join('|')}, not "${command.onConflict}".`);
  const entry = command.direction === 'download' ? await planDownload(command) : await planUpload(command);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-cli-queue-'));
  // The connection that planned the transfer carries its first file: one login less
  // (a TLS handshake and a login are several round trips on a real network).
  let planner: RemoteFs | null = command.browse;
  const engine = await TransferEngine.open({
    dataDir,
    // Nothing reads this queue after the command ends (the folder is removed), so a crash cannot need it.
    scratchQueue: true,
    openConnection: () => {
      const reused = planner?.connected ? planner : null;
      planner = null;
      return reused ? Promise.resolve(reused) : command.open();
    },
    ...(command.parallel ? { limits: { connections: { perSite: command.parallel, global: command.parallel } } } : {}),
  });
  const progress = new ProgressLine(command.stderr, command.interactive);
  try {
    const unanswered: ConflictRequest[] = [];
    let batch = await engine.enqueue({
      site: 'cli',
      direction: command.direction,
      items: [entry],
      conflictPolicy: policy,
      // The plan just looked at the server (the file's size and time, or the upload's free name): no second look.
      listedJustNow: true,
    });
    const stopProgress = engine.on('progress', (update) => {
      const mine = update.batches.find((b) => b.id === batch.id);
      if (mine) progress.show(mine);
    });
    try {
      for (;;) {
        batch = await engine.settled(batch.id);
        const request = batch.conflicts > 0 ? engine.conflicts(batch.id) : null;
        if (!request) break;
        const action = command.interactive ? await askConflict(request, command) : null;
        if (action === null) {
          unanswered.push(request);
          engine.answerConflict({ batchId: batch.id, action: 'skip', applyTo: 'batch' });
        } else {
          engine.answerConflict({ batchId: batch.id, action, applyTo: 'batch' });
        }
      }
    } finally {
      stopProgress();
      progress.clear();
    }
    await report(engine, batch, unanswered, command);
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function planDownload(command: TransferCommand) {
  const source = await command.browse.stat(command.remotePath);
  if (!source) throw new FerryError('NOT_FOUND', `There is nothing at ${command.remotePath} on the server.`);
  const isFolder = source.kind === 'dir' || (source.kind === 'link' && source.targetKind === 'dir');
  if (isFolder && !command.recursive) throw new FerryError('EISDIR', `${command.remotePath} is a folder; use get -r to download it.`);
  const name = baseNameRemote(command.remotePath) || 'download';
  // Like cp: into LOCAL when it is an existing folder, else as LOCAL.
  const local = command.localPath ?? '.';
  const localIsFolder = command.localPath === null || (await stat(local).then((s) => s.isDirectory(), () => false));
  const localPath = path.resolve(localIsFolder ? path.join(local, name) : local);
  return { kind: isFolder ? ('dir' as const) : ('file' as const), localPath, remotePath: command.remotePath, size: source.size, mtime: source.mtime, mtimePrecision: source.mtimePrecision };
}

async function planUpload(command: TransferCommand) {
  const localPath = path.resolve(command.localPath!);
  const info = await stat(localPath).catch(() => null);
  if (!info) throw new FerryError('ENOENT', `No such file or folder: ${localPath}`);
  if (info.isDirectory() && !command.recursive) throw new FerryError('EISDIR', `${localPath} is a folder; use put -r to upload it.`);
  let looked = true;
  const target = await command.browse.stat(command.remotePath).catch(() => {
    looked = false;
    return null;
  });
  const intoFolder = command.remoteIsFolder || target?.kind === 'dir';
  // `put FILE …/new/place/` names a folder that is not there yet: made, with its parents, as
  // FileZilla would. (A folder's upload makes its own place when it starts.)
  if (looked && command.remoteIsFolder && target === null && !info.isDirectory()) await command.browse.mkdir(command.remotePath, { parents: true });
  const remotePath = intoFolder ? joinRemote(command.remotePath, path.basename(localPath)) : command.remotePath;
  // Uploading to a name that was just found free: the engine need not look for it again.
  const remoteTargetAbsent = looked && !intoFolder && target === null;
  return { kind: info.isDirectory() ? ('dir' as const) : ('file' as const), localPath, remotePath, size: info.isDirectory() ? null : info.size, mtime: info.mtimeMs, remoteTargetAbsent };
}

async function askConflict(request: ConflictRequest, command: TransferCommand): Promise<ConflictAction | null> {
  const first = request.conflicts[0];
  const what = request.conflicts.length === 1 && first ? first.name : `${request.total} files`;
  const answer = await command.ask(
    `${what} already exist${request.conflicts.length === 1 ? 's' : ''}. [o]verwrite, overwrite if [n]ewer, if [d]ifferent size, [r]esume, keep [b]oth, [s]kip: `,
  );
  const choices: Record<string, ConflictAction> = { o: 'overwrite', n: 'overwriteIfNewer', d: 'overwriteIfSizeDiffers', r: 'resume', b: 'keepBoth', s: 'skip' };
  return choices[answer?.trim().toLowerCase()[0] ?? ''] ?? null;
}

async function report(engine: TransferEngine, batch: BatchInfo, unanswered: ConflictRequest[], command: TransferCommand): Promise<void> {
  const done = { files: 0, folders: 0 };
  const problems: string[] = [];
  forEachItem(engine, batch.id, 'finished', (item) => {
    if (item.state === 'done') done[item.kind === 'dir' ? 'folders' : 'files'] += 1;
  });
  forEachItem(engine, batch.id, 'failed', (item) => {
    problems.push(`  ${command.direction === 'download' ? item.remotePath : item.localPath}: ${item.lastError?.message ?? 'failed'}`);
  });
  for (const request of unanswered) {
    for (const entry of request.conflicts) problems.push(`  ${entry.localPath}: already exists (choose what to do with --on-conflict)`);
  }

  const verb = command.direction === 'download' ? 'Downloaded' : 'Uploaded';
  const parts = [`${verb} ${plural(done.files, 'file')} (${batch.bytesDone.toLocaleString('en-US')} bytes)`];
  if (done.folders) parts.push(plural(done.folders, 'folder'));
  if (batch.counts.skipped) parts.push(`${batch.counts.skipped} skipped`);
  if (batch.counts.failed) parts.push(`${batch.counts.failed} failed`);
  command.print(parts.join(', ') + '.');
  if (problems.length > 0) {
    command.stderr.write(`Not transferred:\n${problems.join('\n')}\n`);
    throw new FerryError('CONFLICT', `${problems.length} file${problems.length === 1 ? ' was' : 's were'} not transferred.`);
  }
}

/** Visits every item of a batch in one view, a page at a time (the queue may hold a million). */
function forEachItem(engine: TransferEngine, batchId: number, view: 'finished' | 'failed', visit: (item: TransferItem) => void): void {
  for (let offset = 0; ; offset += MAX_PAGE) {
    const page = engine.page({ batchId, view, offset, limit: MAX_PAGE });
    page.items.forEach(visit);
    if (offset + MAX_PAGE >= page.total) return;
  }
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}
