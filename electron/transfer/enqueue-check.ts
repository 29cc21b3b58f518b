/**
 * Checks what callers queue before any of it reaches the disk or a server:
 * absolute paths only, no NUL (it truncates paths in system calls), no CR/LF in
 * remote paths (they would inject FTP commands).
 */
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { EnqueueBatch } from './engine-options';

/** Throws `INVALID_INPUT` with a sentence naming the first problem. */
export function validateEnqueue(request: EnqueueBatch): void {
  if (typeof request.site !== 'string' || request.site === '') throw invalid('Say which site the transfer is for.');
  if (request.direction !== 'download' && request.direction !== 'upload') throw invalid('A transfer is a download or an upload.');
  if (!Array.isArray(request.items) || request.items.length === 0) throw invalid('There is nothing to transfer.');
  for (const entry of request.items) {
    if (entry.kind !== 'file' && entry.kind !== 'dir') throw invalid('Each entry must be a file or a folder.');
    checkLocalPath(entry.localPath);
    checkRemotePath(entry.remotePath);
  }
}

/** A local path from outside the main process: absolute, without NUL. */
export function checkLocalPath(localPath: unknown): string {
  if (typeof localPath !== 'string' || localPath === '') throw invalid('A local path is missing.');
  if (localPath.includes('\0')) throw invalid('A local path cannot contain a NUL character.');
  if (!path.isAbsolute(localPath)) throw invalid(`The local path "${localPath}" is not absolute.`);
  if (path.resolve(localPath) === path.parse(path.resolve(localPath)).root) throw invalid('A whole disk cannot be a transfer target or source.');
  return path.resolve(localPath);
}

/** A remote path: absolute, without NUL, CR or LF. */
export function checkRemotePath(remotePath: unknown): string {
  if (typeof remotePath !== 'string' || remotePath === '') throw invalid('A remote path is missing.');
  if (!remotePath.startsWith('/')) throw invalid(`The remote path "${remotePath}" is not absolute.`);
  if (/[\0\r\n]/.test(remotePath)) throw invalid('A remote path cannot contain NUL, CR or LF.');
  return remotePath;
}

function invalid(message: string): FerryError {
  return new FerryError('INVALID_INPUT', message);
}
