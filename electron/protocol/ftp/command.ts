/**
 * Building command lines for the control connection.
 *
 * Security: an argument (usually a path, often from a server listing or a user) must
 * never contain CR, LF or NUL. A file name like `a\r\nDELE important` would otherwise
 * end the command early and smuggle a second one to the server (command injection);
 * NUL truncates strings in C servers. Such arguments are refused here, before
 * anything is written to the socket.
 */
import { FerryError } from '../../../shared/errors';

/** A command ready to send: the exact line, and how it may appear in logs and errors. */
export interface FtpCommand {
  /** The verb in upper case, e.g. `RETR`. */
  verb: string;
  /** The line to send, without CRLF. */
  line: string;
  /** The line as logs and errors show it: secrets masked (`PASS ****`). */
  logText: string;
}

/** Verbs whose argument is a secret and is masked in every log line and error. */
const SECRET_VERBS = new Set(['PASS', 'ACCT']);

/**
 * Builds a command from a verb and an optional argument. Throws INVALID_INPUT when
 * either contains CR, LF or NUL (see the file comment), or the verb is not a word.
 */
export function ftpCommand(verb: string, argument?: string): FtpCommand {
  if (!/^[A-Za-z][A-Za-z0-9]{0,15}$/.test(verb)) {
    throw new FerryError('INVALID_INPUT', `"${escapeForMessage(verb)}" is not an FTP command.`);
  }
  const upper = verb.toUpperCase();
  const secret = SECRET_VERBS.has(upper);
  if (argument !== undefined) assertSafeArgument(argument, secret);
  const line = argument === undefined ? upper : `${upper} ${argument}`;
  const logText = secret ? `${upper} ****` : line;
  return { verb: upper, line, logText };
}

/**
 * Parses a raw command line the user typed (`SITE CHMOD 644 a.txt`) into a command,
 * with the same checks as {@link ftpCommand}.
 */
export function rawCommand(text: string): FtpCommand {
  assertSafeArgument(text, false);
  const trimmed = text.replace(/^ +/, '');
  const space = trimmed.indexOf(' ');
  const verb = space === -1 ? trimmed : trimmed.slice(0, space);
  const argument = space === -1 ? undefined : trimmed.slice(space + 1);
  return ftpCommand(verb, argument);
}

/** Throws INVALID_INPUT when `text` holds CR, LF or NUL. The message never echoes a secret. */
export function assertSafeArgument(text: string, secret = false): void {
  const bad = /[\r\n\0]/.exec(text);
  if (!bad) return;
  const what = bad[0] === '\0' ? 'a NUL character' : bad[0] === '\r' ? 'a carriage return (CR)' : 'a line feed (LF)';
  const shown = secret ? '' : ` ("${escapeForMessage(text)}")`;
  throw new FerryError(
    'INVALID_INPUT',
    `Ferry refused to send a command whose argument${shown} contains ${what}: the server would read it as a second command.`,
  );
}

/** Control characters written as escapes, so an error message shows what was refused. */
export function escapeForMessage(text: string): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\r') return '\\r';
    if (c === '\n') return '\\n';
    if (c === '\0') return '\\0';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return escaped.length > 200 ? `${escaped.slice(0, 200)}…` : escaped;
}
