/**
 * Downloads one file without ever losing data:
 * - the bytes go to a temporary file beside the target (`name.<id>.ferry-part`);
 * - it is fsynced, its size checked against the server's, its checksum compared
 *   where the server can hash, its time set to the server's;
 * - only then does it replace the target (rename), so a failed, cancelled or
 *   corrupted download leaves an existing target exactly as it was;
 * - a later attempt resumes the temporary file only if Ferry recorded making it
 *   and the server's size and time are still what they were.
 */
import { copyFile, rename, rm } from 'node:fs/promises';
import { constants, linkSync, unlinkSync, utimesSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FerryError } from '../../shared/errors';
import type { RemoteEntry } from '../../shared/types/remote';
import { ChecksumMismatchError, type FileJob, type FileOutcome } from './file-job';
import { checkLocalTarget, lstatOrNull } from './local-target';
import type { DownloadResume, FileFacts } from './model';
import { firstFreeName, temporaryName } from './names';
import { PartFileWriter, untilClosed } from './part-file';
import { SMALL_FILE_BYTES } from './small-files';
import { receiveSmallFile } from './small-download';
import { verifyAgainstServer } from './verify';

/** Runs one download attempt. */
export async function downloadFile(job: FileJob): Promise<FileOutcome> {
  const { item } = job;
  // A file the folder listing just reported needs no second look (a LIST of its whole folder
  // on servers without MLST): the byte count below still catches a file that changed since.
  const listed = job.listedFacts !== null && job.listedFacts.size !== null ? job.listedFacts : null;
  const source = listed ?? (await remoteFacts(job));
  job.setSourceFacts(source);

  let existing = checkLocalTarget(item.root, item.localPath);
  let resumeFromTarget: Stats | null = null;
  if (existing) {
    if (existing.isDirectory()) throw new FerryError('EISDIR', `A folder is in the way of the download: ${item.localPath}.`);
    const target = localFacts(existing);
    const decision = job.decide(source, target);
    switch (decision.action) {
      case 'skip':
        return { result: 'skipped', note: decision.note };
      case 'ask':
        return { result: 'conflict', source, target };
      case 'keepBoth':
        job.retarget(await freeLocalPath(item.localPath));
        existing = null;
        break;
      case 'resume':
        if (!existing.isFile() || source.size === null) break; // Nothing to continue from: overwrite.
        if (existing.size === source.size) return { result: 'skipped', note: 'Skipped: the existing file is already complete.' };
        if (existing.size > source.size) {
          return { result: 'skipped', note: 'Skipped: the existing file is larger than the one on the server; there is nothing to resume.' };
        }
        resumeFromTarget = existing;
        break;
      case 'overwrite':
        break;
    }
  }

  const part = partPathFor(job);
  const ascii = job.settings.mode === 'ascii';
  // ASCII changes line endings: byte counts differ between the sides, so it always starts from zero.
  if (ascii) resumeFromTarget = null;
  let offset = resumeFromTarget ? resumeFromTarget.size : ascii ? 0 : await resumableBytes(job, part, source);
  if (resumeFromTarget) {
    // Continue from a copy: the target stays untouched until the download is complete.
    await rm(part, { force: true });
    await copyFile(item.localPath, part, constants.COPYFILE_EXCL);
  }

  const record: DownloadResume = { kind: 'download', part, remoteSize: source.size, remoteMtime: source.mtime, durable: offset };
  job.markStreaming();
  let readable;
  try {
    const listedSize = listed && offset === 0 && listed.size !== null ? listed.size : undefined;
    readable = await job.connection.openRead(item.remotePath, { offset, mode: job.settings.mode, signal: job.signal, listedSize });
  } catch (error) {
    if (!(offset > 0 && error instanceof FerryError && error.code === 'UNSUPPORTED')) throw error;
    // The server cannot start in the middle (REST refused): start again from zero.
    offset = 0;
    record.durable = 0;
    readable = await job.connection.openRead(item.remotePath, { mode: job.settings.mode, signal: job.signal });
  }
  // With no checksum to ask the server for, the connection is done once the server confirmed the
  // last byte (the stream ends only then): the fsync and placing overlap the next file's transfer.
  // Handed back on 'close' after that end, when nothing can touch the stream any more (the pool
  // may close the connection at once, or give it to the next file).
  const hashOnServer = job.settings.verify && !ascii && (job.connection.canHash?.() ?? true);
  if (!hashOnServer) {
    readable.once('close', () => {
      if (readable.readableEnded) job.doneWithConnection();
    });
  }
  // The temporary file is made only once the server agreed to send: a refusal leaves nothing behind.
  job.saveResume(record);
  job.setBytesDone(offset);
  const onDurable = (bytes: number): void => job.saveResume({ ...record, durable: bytes });
  const remaining = !ascii && source.size !== null ? source.size - offset : undefined;
  const small = remaining !== undefined && remaining <= SMALL_FILE_BYTES;
  const meter = small ? job.inlineMeter((error) => readable.destroy(error)) : null;
  const writer = meter
    ? await receiveSmallFile(readable, {
        part,
        offset,
        expected: remaining!,
        onDurable,
        signal: job.signal,
        meter,
        // The stream ended after the server's confirmation: hand the connection back before
        // the file is made, so the next file's commands go out at once.
        onReceived: () => {
          if (!hashOnServer) job.doneWithConnection();
        },
      })
    : await streamToPart(readable, part, offset, remaining, onDurable, job);

  if (!ascii && source.size !== null && writer.position !== source.size) {
    if (listed) {
      throw new FerryError(
        'CONNECTION_LOST',
        `${path.basename(item.localPath)} changed on the server after it was listed (${writer.position} bytes came instead of ${source.size}); it will be downloaded again.`,
        item.remotePath,
      );
    }
    throw new FerryError(
      'CONNECTION_LOST',
      `The server sent ${writer.position} bytes of ${source.size}; the download will be tried again.`,
      item.remotePath,
    );
  }
  // Without a checksum on the server the connection may already carry another file: not asked.
  const verify = !job.settings.verify ? null : !hashOnServer ? 'not-verifiable' : await verifyAgainstServer(job.connection, item.remotePath, part);
  if (verify === 'mismatch') {
    await rm(part, { force: true });
    job.saveResume(null);
    throw new ChecksumMismatchError(
      `The downloaded copy of ${path.basename(item.localPath)} does not match the server's checksum. It was discarded; any existing file was left as it was.`,
    );
  }
  // Only local work is left: fsync, time, placing. The connection can carry the next file meanwhile.
  job.doneWithConnection();
  if (job.settings.preserveTimestamps && source.mtime !== null) {
    const seconds = source.mtime / 1000;
    utimesSync(part, seconds, seconds);
  }
  const placed = await placeFile(job, part, existing !== null || resumeFromTarget !== null);
  if (placed !== null) return placed;
  job.saveResume(null);
  return { result: 'done', verify, note: null };
}

/** The bytes into the temporary file, through the meter (speed limits, progress, stall watchdog). */
async function streamToPart(
  readable: Readable,
  part: string,
  offset: number,
  remaining: number | undefined,
  onDurable: (bytes: number) => void,
  job: FileJob,
): Promise<PartFileWriter> {
  let writer: PartFileWriter | undefined;
  // Without a speed limit the meter runs inside the writer: one stream stage less per chunk.
  const meter = job.inlineMeter((error) => writer?.destroy(error));
  try {
    writer = await PartFileWriter.open(part, offset, onDurable, { expectedBytes: remaining, meter: meter ?? undefined });
  } catch (error) {
    meter?.stop();
    readable.destroy();
    throw error;
  }
  try {
    if (meter) await pipeline(readable, writer, { signal: job.signal });
    else await pipeline(readable, job.meter(), writer, { signal: job.signal });
  } catch (error) {
    // Wait until the temporary file is synced and closed, so the resume record holds its real length.
    await untilClosed(writer);
    throw error;
  }
  return writer;
}

/** The server's size and time of the file, refusing folders and vanished files. */
async function remoteFacts(job: FileJob): Promise<FileFacts> {
  const entry: RemoteEntry | null = await job.connection.stat(job.item.remotePath);
  if (entry === null) throw new FerryError('NOT_FOUND', `${job.item.remotePath} is no longer on the server.`);
  if (entry.kind === 'dir' || (entry.kind === 'link' && entry.targetKind === 'dir')) {
    throw new FerryError('EISDIR', `${job.item.remotePath} is a folder on the server, not a file.`);
  }
  return { size: entry.size, mtime: entry.mtime, precision: entry.mtimePrecision };
}

function localFacts(info: Stats): FileFacts {
  return { size: info.size, mtime: info.mtimeMs, precision: 'millisecond' };
}

/** The temporary file of this item: the one it recorded, or a new name beside the target. */
function partPathFor(job: FileJob): string {
  const recorded = job.item.resume;
  if (recorded?.kind === 'download' && path.dirname(recorded.part) === path.dirname(job.item.localPath)) return recorded.part;
  return path.join(path.dirname(job.item.localPath), temporaryName(path.basename(job.item.localPath), job.item.id));
}

/**
 * How many bytes of the temporary file can be kept: only a file this item
 * recorded making, only while the server's size and time are unchanged, and
 * never more than was fsynced. Anything else restarts from zero.
 */
async function resumableBytes(job: FileJob, part: string, source: FileFacts): Promise<number> {
  const record = job.item.resume;
  if (record?.kind !== 'download' || record.part !== part) return 0;
  if (source.size === null || source.mtime === null) return 0;
  if (record.remoteSize !== source.size || record.remoteMtime !== source.mtime) return 0;
  const info = lstatOrNull(part);
  if (!info?.isFile() || info.size > source.size) return 0;
  return Math.min(info.size, record.durable);
}

/** A free "keep both" name beside `target`: `report (1).pdf`. */
async function freeLocalPath(target: string): Promise<string> {
  const folder = path.dirname(target);
  const name = await firstFreeName(path.basename(target), async (candidate) => lstatOrNull(path.join(folder, candidate)) !== null);
  if (name === null) throw new FerryError('EEXIST', `Could not find a free name for ${target}.`);
  return path.join(folder, name);
}

/**
 * Moves the finished temporary file into place. When the target is to be
 * replaced, an atomic rename does it. When there was no target, a hard link
 * (which refuses to replace anything) makes sure a file that appeared meanwhile
 * is not overwritten: that becomes a conflict instead.
 */
async function placeFile(job: FileJob, part: string, replace: boolean): Promise<FileOutcome | null> {
  const target = job.item.localPath;
  const now = checkLocalTarget(job.item.root, target); // Again: the folders may have changed during a long download.
  if (now?.isDirectory()) throw new FerryError('EISDIR', `A folder is in the way of the download: ${target}.`);
  if (replace || now === null) {
    if (!replace) {
      const linked = hardLink(part, target);
      if (linked === 'exists') return appeared(job, part);
      if (linked === 'linked') {
        // unlink, not rm: rm lstats the path twice first, and this is a plain file Ferry just made.
        unlinkIfThere(part);
        job.placedIn(path.dirname(target));
        return null;
      }
    }
    await rename(part, target);
    job.placedIn(path.dirname(target));
    return null;
  }
  return appeared(job, part);
}

/**
 * Links `target` to `part`: 'exists' when something has that name, 'unsupported' on file
 * systems without hard links. Synchronous, like the other metadata calls of placing a file
 * (see small-files.ts).
 */
function hardLink(part: string, target: string): 'linked' | 'exists' | 'unsupported' {
  try {
    linkSync(part, target);
    return 'linked';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'exists' : 'unsupported';
  }
}

function unlinkIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** A target appeared while downloading: keep the finished temporary file and ask. */
async function appeared(job: FileJob, part: string): Promise<FileOutcome> {
  const info = lstatOrNull(job.item.localPath);
  const partInfo = lstatOrNull(part);
  return {
    result: 'conflict',
    source: { size: partInfo?.size ?? job.item.size, mtime: job.item.mtime, precision: job.item.mtimePrecision },
    target: info ? localFacts(info) : { size: null, mtime: null, precision: null },
  };
}
