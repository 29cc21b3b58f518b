/**
 * Turns what ssh2 reports (socket errors, protocol errors, SFTP status codes) into
 * `FerryError`s with a code the app can act on and a sentence the user understands.
 */
import { FerryError, type ErrorCode } from '../../../shared/errors';

/** SFTP status codes (draft-ietf-secsh-filexfer-02, section 7). */
export const SFTP_STATUS = {
  OK: 0,
  EOF: 1,
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  BAD_MESSAGE: 5,
  NO_CONNECTION: 6,
  CONNECTION_LOST: 7,
  OP_UNSUPPORTED: 8,
} as const;

/** An error as ssh2 hands it over: a plain Error with some of these fields. */
interface Ssh2Error extends Error {
  /** SFTP status code (number), socket errno name (string) or SSH disconnect reason (number). */
  code?: number | string;
  /** Where ssh2 raised it: 'client-socket', 'client-timeout', 'client-authentication', 'handshake', 'protocol', 'agent', … */
  level?: string;
}

/** The SFTP status code carried by an error, if any. */
export function sftpStatus(error: unknown): number | undefined {
  const code = (error as Ssh2Error | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * An SFTP request failed. `action` says what was attempted, e.g. `Cannot delete "/a/b"`;
 * the server's own text goes to `detail`.
 */
export function sftpRequestError(error: unknown, action: string): FerryError {
  if (error instanceof FerryError) return error;
  const serverText = (error as Error | undefined)?.message ?? String(error);
  const status = sftpStatus(error);
  const make = (code: ErrorCode, why: string): FerryError => new FerryError(code, `${action}: ${why}`, serverText);
  switch (status) {
    case SFTP_STATUS.NO_SUCH_FILE:
      return make('NOT_FOUND', 'no such file or folder.');
    case SFTP_STATUS.PERMISSION_DENIED:
      return make('PERMISSION_DENIED', 'permission denied.');
    case SFTP_STATUS.OP_UNSUPPORTED:
      return make('UNSUPPORTED', 'the server does not support this operation.');
    case SFTP_STATUS.NO_CONNECTION:
    case SFTP_STATUS.CONNECTION_LOST:
      return make('CONNECTION_LOST', 'the connection to the server was lost.');
    case SFTP_STATUS.FAILURE:
      return make('PROTOCOL_ERROR', `the server refused (${serverText || 'failure'}).`);
    case SFTP_STATUS.BAD_MESSAGE:
      return make('PROTOCOL_ERROR', 'the server did not understand the request.');
    default:
      // ssh2 fails every pending request with this text when the channel closes.
      if (/No response from server|Not connected|channel/i.test(serverText)) {
        return make('CONNECTION_LOST', 'the connection to the server was lost.');
      }
      return make('PROTOCOL_ERROR', serverText);
  }
}

/** Where the connection failed, for messages. */
export interface ConnectionContext {
  host: string;
  port: number;
}

/**
 * The SSH connection failed or broke (ssh2 'error' event). Authentication failures and
 * host-key refusals are decided by the connector itself and never reach this function.
 */
export function connectionError(error: unknown, where: ConnectionContext): FerryError {
  if (error instanceof FerryError) return error;
  const e = error as Ssh2Error;
  const server = `${where.host}:${where.port}`;
  const detail = e?.message ?? String(error);
  if (e?.level === 'client-socket' || typeof e?.code === 'string') {
    switch (e.code) {
      case 'ECONNREFUSED':
        return new FerryError('CONNECTION_REFUSED', `${server} refused the connection (is an SSH server running on that port?).`, detail);
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return new FerryError('CONNECTION_REFUSED', `The host name ${where.host} could not be found.`, detail);
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return new FerryError('CONNECTION_REFUSED', `${server} cannot be reached from this computer.`, detail);
      case 'ETIMEDOUT':
        return new FerryError('TIMEOUT', `${server} did not answer in time.`, detail);
      default:
        return new FerryError('CONNECTION_LOST', `The connection to ${server} was lost.`, detail);
    }
  }
  if (e?.level === 'client-timeout') {
    return new FerryError('TIMEOUT', `${server} stopped answering.`, detail);
  }
  if (e?.level === 'handshake') {
    return new FerryError('PROTOCOL_ERROR', `The SSH handshake with ${server} failed: ${detail}.`, detail);
  }
  if (typeof e?.code === 'number') {
    // An SSH_MSG_DISCONNECT from the server (its reason code and text).
    return new FerryError('CONNECTION_LOST', `${server} closed the connection: ${detail}.`, detail);
  }
  if (/before handshake/i.test(detail)) {
    return new FerryError(
      'CONNECTION_LOST',
      `${server} closed the connection before the SSH handshake (is it an SSH server, and does it accept this client?).`,
      detail,
    );
  }
  return new FerryError('CONNECTION_LOST', `The connection to ${server} failed: ${detail}.`, detail);
}
