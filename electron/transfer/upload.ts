/**
 * Uploads one file. With the site's "temporary name" setting (on by default)
 * the bytes go to `name.<id>.ferry-part` and are renamed over the target only
 * when complete and checked, so a half-uploaded file never replaces a working
 * one on a web server. The local modification time is then set on the server
 * (`MFMT` / SFTP setstat) where it can be.
 */
import { statSync } from 'node:fs';
import { finished, pipeline } from 'node:stream/promises';
import { FerryError } from '../../shared/errors';
import type { RemoteEntry } from '../../shared/types/remote';
import type { RemoteFs } from '../protocol/remote-fs';
import { ChecksumMismatchError, type FileJob, type FileOutcome } from './file-job';
import { remoteBaseName, remoteDirName, remoteJoin, type FileFacts, type UploadResume } from './model';
import { firstFreeName, temporaryName } from './names';
import { LocalFileReader, readSmallFile } from './local-file-reader';
import { SMALL_FILE_BYTES } from './small-files';
import { verifyAgainstServer } from './verify';

/**
 * Bytes read from the local file at once: large reads keep a fast link busy with few system
 * calls and allocations. Measured on a 1 GiB loopback upload to vsftpd (median of 3):
 * 256 KiB 1.31 s, 1 MiB 1.15 s, 4 MiB 1.09 s, 8 MiB 1.13 s, 16 MiB 1.21 s (curl: 0.99 s).
 */
const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/** Runs one upload attempt. */
export async function uploadFile(job: FileJob): Promise<FileOutcome> {
  const { item, connection } = job;
  const local = localFile(item.localPath);
  const source: FileFacts = { size: local.size, mtime: local.mtimeMs, precision: 'millisecond' };
  job.setSourceFacts(source);

  const record = item.resume?.kind === 'upload' && item.resume.localSize === local.size && item.resume.localMtime === local.mtimeMs
    ? item.resume
    : null;
  // A target known to be absent (a folder this batch just made, a name the caller just found free): no lookup (on FTP a LIST of the folder).
  let existing = job.targetKnownAbsent ? null : await connection.stat(item.remotePath);
  let appendAt: number | null = null;
  // A target this item was already writing directly is its own partial upload, not a conflict.
  const ownPartial = existing !== null && record?.dest === item.remotePath;
  if (existing && !ownPartial) {
    if (isFolder(existing)) throw new FerryError('EISDIR', `A folder is in the way on the server: ${item.remotePath}.`);
    const target: FileFacts = { size: existing.size, mtime: existing.mtime, precision: existing.mtimePrecision };
    const decision = job.decide(source, target);
    switch (decision.action) {
      case 'skip':
        return { result: 'skipped', note: decision.note };
      case 'ask':
        return { result: 'conflict', source, target };
      case 'keepBoth':
        job.retarget(await freeRemotePath(connection, item.remotePath));
        existing = null;
        break;
      case 'resume':
        if (existing.size === null) break; // Unknown size: overwrite.
        if (existing.size === local.size) return { result: 'skipped', note: 'Skipped: the file on the server is already complete.' };
        if (existing.size > local.size) {
          return { result: 'skipped', note: 'Skipped: the file on the server is larger than the local one; there is nothing to resume.' };
        }
        appendAt = existing.size;
        break;
      case 'overwrite':
        break;
    }
  }

  const ascii = job.settings.mode === 'ascii';
  // Appending continues the target itself; a temporary name cannot help there. (ASCII never appends.)
  const useTemporary = job.settings.uploadTempName && (appendAt === null || ascii);
  const dest = useTemporary
    ? remoteJoin(remoteDirName(item.remotePath), temporaryName(remoteBaseName(item.remotePath), item.id))
    : item.remotePath;
  // ASCII changes line endings: byte counts differ between the sides, so it always starts from zero.
  let offset = ascii ? 0 : (appendAt ?? (record?.dest === dest ? await resumableBytes(connection, dest, local.size) : 0));

  const resume: UploadResume = { kind: 'upload', dest, localSize: local.size, localMtime: local.mtimeMs };
  job.saveResume(resume);
  job.setBytesDone(offset);
  job.markStreaming();
  let writable;
  try {
    writable = await connection.openWrite(dest, { offset, mode: job.settings.mode, signal: job.signal });
  } catch (error) {
    if (!(offset > 0 && error instanceof FerryError && error.code === 'UNSUPPORTED')) throw error;
    offset = 0; // The server cannot append (REST/APPE refused): send the whole file.
    job.setBytesDone(0);
    writable = await connection.openWrite(dest, { mode: job.settings.mode, signal: job.signal });
  }
  const remaining = local.size - offset;
  const meter = remaining <= SMALL_FILE_BYTES ? job.inlineMeter((error) => writable.destroy(error)) : null;
  let sent: number;
  if (meter) {
    // A small file with no speed limit in force is read whole and sent in one write:
    // three stream stages per file cost more than its bytes (see small-files.ts).
    try {
      const data = readSmallFile(item.localPath, offset, remaining);
      await meter.pass(data.length);
      writable.end(data);
      await finished(writable);
      sent = data.length;
    } catch (error) {
      // The file could not be read (or the upload failed): stop the transfer on the server too.
      writable.destroy();
      throw error;
    } finally {
      meter.stop();
    }
  } else {
    // No bigger buffer than the file needs (+1 byte to see its end): a 1 MiB buffer per small file kept the GC busy.
    const highWaterMark = Math.min(READ_CHUNK_BYTES, Math.max(16 * 1024, remaining + 1));
    const reader = new LocalFileReader(item.localPath, offset, highWaterMark);
    await pipeline(reader, job.meter(), writable, { signal: job.signal });
    sent = reader.bytesRead;
  }

  if (offset + sent !== local.size) {
    throw new FerryError(
      'CONNECTION_LOST',
      `${remoteBaseName(item.remotePath)} changed while it was uploaded (${offset + sent} bytes instead of ${local.size}); it will be uploaded again.`,
      item.localPath,
    );
  }
  // The server confirmed (226); it must also hold every byte before the file replaces the target.
  // FTP asks SIZE together with the end of the upload (sizeOnServer); otherwise it is asked now.
  const uploadedSize = ascii ? null : (writable.sizeOnServer ?? (await remoteSize(connection, dest)));
  if (uploadedSize !== null && uploadedSize !== local.size) {
    throw new FerryError(
      'CONNECTION_LOST',
      `The server holds ${uploadedSize} bytes of ${local.size} after the upload; it will be tried again.`,
      dest,
    );
  }
  const verify = !job.settings.verify ? null : ascii ? 'not-verifiable' : await verifyAgainstServer(connection, dest, item.localPath);
  if (verify === 'mismatch') {
    if (useTemporary) await connection.removeFile(dest).catch(() => undefined);
    job.saveResume(null);
    throw new ChecksumMismatchError(
      useTemporary
        ? `The uploaded copy of ${remoteBaseName(item.remotePath)} does not match the local file's checksum. It was removed; the file on the server was left as it was.`
        : `The uploaded ${remoteBaseName(item.remotePath)} does not match the local file's checksum.`,
    );
  }
  if (useTemporary) await renameOver(connection, dest, item.remotePath);
  job.saveResume(null);
  let note: string | null = null;
  if (job.settings.preserveTimestamps) {
    await connection.setModifiedTime(item.remotePath, new Date(local.mtimeMs)).catch((error: unknown) => {
      if (error instanceof FerryError && !['CONNECTION_LOST', 'TIMEOUT'].includes(error.code)) {
        note = 'The server could not set the modification time.';
        return;
      }
      throw error;
    });
  }
  return { result: 'done', verify, note };
}

/** The local file's size and time (synchronous: see small-files.ts). */
function localFile(file: string): { size: number; mtimeMs: number } {
  // stat, not lstat: uploading a link sends what it points at, like every other client.
  const info = statSync(file, { throwIfNoEntry: false });
  if (info === undefined) throw new FerryError('ENOENT', `${file} no longer exists.`);
  if (!info.isFile()) throw new FerryError('EISDIR', `${file} is not a regular file.`);
  return info;
}

function isFolder(entry: RemoteEntry): boolean {
  return entry.kind === 'dir' || (entry.kind === 'link' && entry.targetKind === 'dir');
}

/** The size of the remote file: FTP's one-line SIZE where offered, else from `stat`; null when unknown. */
async function remoteSize(connection: RemoteFs, remotePath: string): Promise<number | null> {
  const size = connection.size ? await connection.size(remotePath) : null;
  if (size !== null) return size;
  return (await connection.stat(remotePath))?.size ?? null;
}

/** Bytes of the partial remote file a resume can keep (0 when it is gone or larger than the source). */
async function resumableBytes(connection: RemoteFs, dest: string, localSize: number): Promise<number> {
  const there = await connection.stat(dest);
  if (there === null || there.kind !== 'file' || there.size === null || there.size > localSize) return 0;
  return there.size;
}

/** A free "keep both" name beside `target` on the server. */
async function freeRemotePath(connection: RemoteFs, target: string): Promise<string> {
  const folder = remoteDirName(target);
  const name = await firstFreeName(remoteBaseName(target), async (candidate) => (await connection.stat(remoteJoin(folder, candidate))) !== null);
  if (name === null) throw new FerryError('EEXIST', `Could not find a free name for ${target} on the server.`);
  return remoteJoin(folder, name);
}

/**
 * Renames the finished temporary file over the target. Some servers (SFTP v3,
 * some FTP servers) refuse to rename over an existing file: then the target is
 * removed first, leaving only a moment without it instead of a half-written one.
 */
async function renameOver(connection: RemoteFs, from: string, to: string): Promise<void> {
  try {
    await connection.rename(from, to);
  } catch (error) {
    if (!(error instanceof FerryError) || ['CONNECTION_LOST', 'TIMEOUT'].includes(error.code)) throw error;
    if ((await connection.stat(to)) === null) throw error;
    await connection.removeFile(to);
    await connection.rename(from, to);
  }
}
