/**
 * Which failures are worth another try, and how long to wait before it.
 *
 * Errors that can heal: the connection dropped or timed out, the server was
 * briefly unavailable (the FTP engine reports 421/426/451 as CONNECTION_LOST and
 * 425 as CONNECTION_REFUSED), the file was busy (450, LOCKED), or fewer bytes
 * arrived than announced. Errors that cannot:
 * the server refused the login (530) or the file (550), a local disk problem,
 * a bad name. Retrying those only hammers the server (and can get the user's
 * address blocked after repeated failed logins).
 */
import type { ErrorCode } from '../../shared/errors';
import { FerryError } from '../../shared/errors';

/** Codes a later attempt may get past (LOCKED: FTP 450, the file is busy on the server for now). */
const HEALABLE: ReadonlySet<ErrorCode> = new Set(['CONNECTION_LOST', 'TIMEOUT', 'CONNECTION_REFUSED', 'LOCKED']);

/** Node socket errors that mean the same as CONNECTION_LOST / TIMEOUT. */
const HEALABLE_ERRNO = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Codes that mean "this site cannot be used until the user changes something": stop the site's other items too. */
const SITE_BLOCKING: ReadonlySet<ErrorCode> = new Set([
  'AUTH_FAILED',
  'TLS_REQUIRED',
  'CERT_UNTRUSTED',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
]);

/** True when another attempt might succeed. */
export function isHealable(error: unknown): boolean {
  if (error instanceof FerryError) return HEALABLE.has(error.code);
  const errno = (error as { code?: unknown } | null)?.code;
  return typeof errno === 'string' && HEALABLE_ERRNO.has(errno);
}

/** True when the failure concerns the whole site (login, trust), not one file. */
export function blocksSite(error: unknown): boolean {
  return error instanceof FerryError && SITE_BLOCKING.has(error.code);
}

/** How retries are paced. */
export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** Wait before attempt `attempt` (2 = the first retry), in ms. */
  delayMs(attempt: number): number;
}

/** Exponential backoff with jitter: about 1 s, 2 s, 4 s … capped at 30 s. */
export function defaultRetryPolicy(retries = 3): RetryPolicy {
  return {
    retries,
    delayMs(attempt) {
      const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 2));
      return Math.round(base * (0.8 + Math.random() * 0.4));
    },
  };
}
