/**
 * Errors as they cross the API boundary: a stable code, a sentence for the user,
 * and optional detail (for example the server's reply). Never a stack or a raw
 * Node error object.
 */
import * as z from 'zod';

/** Every error code Ferry reports. Services map what they meet onto these. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'ENOENT',
  'EACCES',
  'EEXIST',
  'ENOTDIR',
  'EISDIR',
  'ENOSPC',
  'AUTH_FAILED',
  'TLS_REQUIRED',
  'CERT_UNTRUSTED',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'TIMEOUT',
  'CONNECTION_LOST',
  'CONNECTION_REFUSED',
  'NOT_FOUND',
  'PERMISSION_DENIED',
  'PROTOCOL_ERROR',
  'UNSUPPORTED',
  'CANCELLED',
  'LOCKED',
  'CONFLICT',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The wire form of an error. */
export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  detail: z.string().optional(),
});
/** The wire form of an error. */
export type ApiError = z.infer<typeof ApiErrorSchema>;

/**
 * An error a service throws on purpose: its code and message reach the user as
 * they are. Anything else thrown is reported as `INTERNAL` without its stack.
 */
export class FerryError extends Error {
  override readonly name = 'FerryError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  /** The wire form of this error. */
  toApiError(): ApiError {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

/** True when `value` has the shape of an {@link ApiError}. */
export function isApiError(value: unknown): value is ApiError {
  return ApiErrorSchema.safeParse(value).success;
}
