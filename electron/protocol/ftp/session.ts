/**
 * The state one logged-in FTP connection carries between operations: the control
 * connection, how data connections are opened and protected, the transfer type and
 * the folder the server currently sits in (so repeated commands are not resent).
 */
import path from 'node:path/posix';
import { FerryError } from '../../../shared/errors';
import { assertSafeArgument, ftpCommand } from './command';
import type { ControlConnection } from './control-connection';
import type { DataChannelOpener } from './data-channel';
import type { FeatureSet, FtpCapabilities } from './features';
import type { FtpLog } from './log';
import { isCompletion } from './reply';
import { errorFromReply } from './reply-errors';
import type { AcceptedCertificate, TlsExtras } from './tls-trust';

/** Time limits in milliseconds. */
export interface FtpTimeouts {
  connectMs: number;
  replyMs: number;
  dataIdleMs: number;
}

/** See the file comment. */
export interface FtpSession {
  readonly ctl: ControlConnection;
  readonly log: FtpLog;
  readonly data: DataChannelOpener;
  readonly timeouts: FtpTimeouts;
  /** The site's host name, which data connection certificates are checked against. */
  readonly host: string;
  /** PROT P is in force. */
  readonly protectedData: boolean;
  readonly certificate: AcceptedCertificate | null;
  /** Extra TLS settings for data connections (the same as the control connection's). */
  readonly tlsOptions: TlsExtras;
  readonly features: FeatureSet;
  readonly capabilities: FtpCapabilities;
  readonly serverTimeOffsetMinutes: number;
  /** The TYPE last set (`A` or `I`), or null when unknown. */
  transferType: 'A' | 'I' | null;
  /** The folder the server is in, or null when unknown (after a raw command). */
  serverDir: string | null;
  /** `LIST -a` was refused once: use plain `LIST` from now on. */
  listAllRefused: boolean;
  /** The HASH algorithm the server has selected; undefined until FEAT or OPTS HASH told. */
  hashSelected?: string | null;
}

/** Sends TYPE A or TYPE I unless it is already set. */
export async function setTransferType(session: FtpSession, mode: 'binary' | 'ascii'): Promise<void> {
  const type = mode === 'ascii' ? 'A' : 'I';
  if (session.transferType === type) return;
  const reply = await session.ctl.command(ftpCommand('TYPE', type));
  if (!isCompletion(reply)) throw errorFromReply(reply, `switch to ${mode} mode`);
  session.transferType = type;
}

/** CWD into `dir` unless the server is there already. */
export async function enterDir(session: FtpSession, dir: string): Promise<void> {
  if (session.serverDir === dir) return;
  const reply = await session.ctl.command(ftpCommand('CWD', dir));
  if (!isCompletion(reply)) {
    session.serverDir = null;
    throw errorFromReply(reply, `open the folder ${dir}`, 'read');
  }
  session.serverDir = dir;
}

/**
 * An absolute, normalised remote path: relative paths are resolved against `cwd`.
 * INVALID_INPUT for an empty path or one with CR, LF or NUL.
 */
export function resolveRemotePath(cwd: string, target: string): string {
  if (target === '') throw new FerryError('INVALID_INPUT', 'The remote path is empty.');
  // Refused for every operation, even those that send no command with the path (stat
  // via a listing): such a path can never name a file Ferry may touch.
  assertSafeArgument(target);
  const joined = target.startsWith('/') ? target : path.join(cwd, target);
  const normalized = path.normalize(joined);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** The folder that holds `target` ("/" for "/"). */
export function parentOf(target: string): string {
  return path.dirname(target);
}

/** The last component of `target`. */
export function baseName(target: string): string {
  return path.basename(target);
}

/**
 * Reads the folder out of a 257 reply: `257 "/a ""quoted"" dir" is current`.
 * Doubled quotes inside stand for one (RFC 959 appendix II). Null when absent.
 */
export function parsePwdReply(text: string): string | null {
  const start = text.indexOf('"');
  if (start === -1) return null;
  let result = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      if (text[i + 1] === '"') {
        result += '"';
        i++;
        continue;
      }
      return result;
    }
    result += char;
  }
  return null;
}
