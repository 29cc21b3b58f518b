/**
 * Turning a refusing FTP reply into a FerryError the user understands, with the
 * server's own words in `detail` and a code the transfer engine can act on
 * (retry CONNECTION_LOST, give up at once on PERMISSION_DENIED / AUTH_FAILED).
 */
import { FerryError, type ErrorCode } from '../../../shared/errors';
import { replyMessage, replyText, type FtpReply } from './reply';

/** A FerryError that came from a server reply; `replyCode` is the FTP code (550, 426, …). */
export class FtpReplyError extends FerryError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly replyCode: number,
    detail: string,
  ) {
    super(code, message, detail);
  }
}

/**
 * What the refused command was doing, which decides how an ambiguous 550 reads:
 * for something that should exist (`read`) it most likely means "not found", for
 * something being created (`create`) "not allowed".
 */
export type FtpAction = 'read' | 'create' | 'other';

const NOT_FOUND_TEXT = /no such|not found|does ?n[o']t exist|not exist|cannot find|can't find|couldn't find|unknown file|no files found|file unavailable/i;
const DENIED_TEXT = /permission|denied|not allowed|forbidden|access|not permitted|read-only|readonly|not authori[sz]ed/i;
const TLS_TEXT = /\b(ssl|tls|encrypt|secure)/i;

/**
 * The FerryError for a failed reply. `what` says what was attempted, in the user's
 * words ("download /a.txt"), and starts the message.
 */
export function errorFromReply(reply: FtpReply, what: string, action: FtpAction = 'other'): FtpReplyError {
  const said = `${reply.code} ${replyMessage(reply)}`.trim();
  const [code, reason] = classify(reply, action);
  return new FtpReplyError(code, `Could not ${what}: ${reason} (${said})`, reply.code, replyText(reply));
}

function classify(reply: FtpReply, action: FtpAction): [ErrorCode, string] {
  const text = replyMessage(reply);
  switch (reply.code) {
    case 421:
      return ['CONNECTION_LOST', 'the server is closing the connection'];
    case 425:
      return ['CONNECTION_REFUSED', 'the server could not open the data connection'];
    case 426:
      return ['CONNECTION_LOST', 'the data connection was closed and the transfer aborted'];
    case 430:
    case 530:
      if (TLS_TEXT.test(text)) return ['TLS_REQUIRED', 'the server requires an encrypted (FTPS) connection'];
      return ['AUTH_FAILED', 'the server refused the login'];
    case 332:
    case 532:
      return ['AUTH_FAILED', 'the server needs an account (ACCT) for this'];
    case 450:
      return ['LOCKED', 'the file is busy on the server; try again later'];
    case 451:
      return ['CONNECTION_LOST', 'the server aborted because of an error on its side'];
    case 452:
    case 552:
      return ['ENOSPC', 'the server has no room left'];
    case 500:
    case 502:
    case 504:
      return ['UNSUPPORTED', 'the server does not support this command'];
    case 501:
      return ['INVALID_INPUT', 'the server did not accept the arguments'];
    case 522:
      // vsftpd also uses 522 when a TLS data connection fails (e.g. no session reuse).
      if (TLS_TEXT.test(text)) return ['TLS_REQUIRED', 'the server refused the encrypted data connection'];
      return ['UNSUPPORTED', 'the server does not support this network protocol'];
    case 533:
    case 534:
      return ['TLS_REQUIRED', 'the server refused for security policy reasons'];
    case 553:
      if (NOT_FOUND_TEXT.test(text)) return ['NOT_FOUND', 'the server says the path does not exist'];
      return ['PERMISSION_DENIED', 'the server does not allow this name or location'];
    case 550:
      if (NOT_FOUND_TEXT.test(text)) return ['NOT_FOUND', 'the server says it does not exist'];
      if (DENIED_TEXT.test(text)) return ['PERMISSION_DENIED', 'the server does not allow it'];
      // A bare "550 Failed to open file." is ambiguous; for something that should exist,
      // "not found" is the usual cause, for something being made, "not allowed".
      return action === 'create'
        ? ['PERMISSION_DENIED', 'the server refused (it may not allow this here)']
        : ['NOT_FOUND', 'the server refused (it may not exist or not be allowed)'];
    default:
      if (reply.code >= 400 && reply.code < 500) return ['CONNECTION_LOST', 'the server failed for now (a temporary error)'];
      return ['PROTOCOL_ERROR', 'the server refused'];
  }
}

/** CONNECTION_LOST for a connection that is gone, with the reason when known. */
export function connectionLost(where: string, reason?: string): FerryError {
  return new FerryError('CONNECTION_LOST', `The connection to ${where} was lost${reason ? `: ${reason}` : '.'}`);
}
