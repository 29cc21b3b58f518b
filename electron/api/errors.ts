/**
 * Turns whatever a service threw into the wire error `{ code, message, detail? }`.
 * Raw Node errors and stacks never cross the boundary.
 */
import { FerryError, type ApiError, type ErrorCode } from '../../shared/errors';

/** Node `errno` codes we report as themselves, with the sentence the user reads. */
const NODE_CODES: Record<string, { code: ErrorCode; say: string }> = {
  ENOENT: { code: 'ENOENT', say: 'No such file or folder' },
  EACCES: { code: 'EACCES', say: 'Permission denied' },
  EPERM: { code: 'EACCES', say: 'Operation not permitted' },
  EEXIST: { code: 'EEXIST', say: 'Already exists' },
  ENOTDIR: { code: 'ENOTDIR', say: 'Not a folder' },
  EISDIR: { code: 'EISDIR', say: 'Is a folder' },
  ENOSPC: { code: 'ENOSPC', say: 'The disk is full' },
  EDQUOT: { code: 'ENOSPC', say: 'The disk quota is exceeded' },
  ECONNREFUSED: { code: 'CONNECTION_REFUSED', say: 'The server refused the connection' },
  ECONNRESET: { code: 'CONNECTION_LOST', say: 'The connection was reset' },
  ETIMEDOUT: { code: 'TIMEOUT', say: 'The connection timed out' },
};

/** The wire form of any thrown value. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof FerryError) return error.toApiError();
  const errno = nodeErrorCode(error);
  if (errno !== undefined) {
    const known = NODE_CODES[errno];
    if (known) {
      const path = (error as { path?: unknown }).path;
      const message = typeof path === 'string' ? `${known.say}: ${path}` : `${known.say}.`;
      return { code: known.code, message };
    }
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: 'Something went wrong inside Ferry.', detail: text.slice(0, 2000) };
}

/** The `code` of a Node.js system error (`ENOENT`, …), if it has one. */
export function nodeErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
