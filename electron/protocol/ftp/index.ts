/**
 * Ferry's FTP and FTPS engine. `connectFtp` connects, secures and logs in, and
 * resolves with a `RemoteFs` (plus FTP extras) that runs under plain Node.
 */
import { FerryError } from '../../../shared/errors';
import type { LogLine } from '../../../shared/contract/app';
import type { CertificateQuestion, TrustDecision } from '../../../shared/types/trust';
import type { RemoteFs } from '../remote-fs';
import type { TrustStore } from '../trust-store';
import { charsetFor } from './charset';
import { assertSafeArgument, ftpCommand } from './command';
import { ControlConnection } from './control-connection';
import { DataChannelOpener, type DataMode } from './data-channel';
import { capabilitiesOf } from './features';
import { FtpClient, type FtpExtras } from './ftp-client';
import { KeepAlive } from './keep-alive';
import { FtpLog, logSource } from './log';
import { login, type FtpEncryption } from './login';
import { isCompletion, replyText } from './reply';
import { parsePwdReply, type FtpSession, type FtpTimeouts } from './session';
import { acceptCertificate, startTls, type AcceptedCertificate, type CertificatePolicy, type TlsExtras } from './tls-trust';

export type { FtpExtras } from './ftp-client';
export { FtpClient, formatFtpTime, parseFtpTime } from './ftp-client';
export type { FtpCapabilities, FeatureSet } from './features';
export type { DataMode, DataChannelCommand } from './data-channel';
export type { FtpEncryption } from './login';
export { transferModeFor, DEFAULT_ASCII_EXTENSIONS, type TransferModeRules } from './transfer-mode';
export { FtpReplyError } from './reply-errors';

/** Default for each of the connect, reply and data-idle limits. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Keep-alive NOOPs stop after this long without a real command, unless set otherwise. */
export const DEFAULT_KEEP_ALIVE_LIMIT_MS = 30 * 60_000;

/** How to reach and log in to an FTP or FTPS server. */
export interface FtpConnectOptions {
  host: string;
  /** Default 21, or 990 for implicit FTPS. */
  port?: number;
  /** No user = anonymous login (`anonymous` / `anonymous@`). */
  user?: string;
  password?: string;
  /** Sent with ACCT when the server asks for an account (332). */
  account?: string;
  /** See login.ts for exactly what each mode does. */
  encryption: FtpEncryption;
  /**
   * 'default' = passive (EPSV, then PASV), falling back to active only when the server
   * refuses both commands; 'passive' = passive only; 'active' = EPRT, then PORT.
   */
  dataMode?: DataMode;
  /** Ports to listen on in active mode (inclusive). */
  activePortRange?: [number, number];
  /** The address announced in active mode (behind NAT). */
  activeExternalAddress?: string;
  /** Use the address in a 227 reply (default false: the control peer's address is used). */
  usePasvAddress?: boolean;
  /** Default 'utf-8' (`OPTS UTF8 ON` when FEAT lists UTF8); anything iconv-lite knows otherwise. */
  charset?: string;
  /** Limits in milliseconds; each defaults to {@link DEFAULT_TIMEOUT_MS}. */
  timeouts?: { connectMs?: number; replyMs?: number; dataIdleMs?: number };
  /** Send NOOP after this many idle milliseconds (off when absent or 0). */
  keepAliveMs?: number;
  /** Stop the keep-alive after this long without a real command (default 30 minutes). */
  keepAliveLimitMs?: number;
  /** The server's clock zone in minutes east of UTC, for LIST times. */
  serverTimeOffsetMinutes?: number;
  /** Where pinned certificates live. */
  trustStore: TrustStore;
  /**
   * PEM CA certificates trusted in addition to Node's built-in list (e.g. a company CA).
   * A certificate that verifies against them for the right host name is accepted without asking.
   */
  extraCaCertificates?: string[];
  /** Asked when the certificate does not verify (and is not pinned). Absent = reject. */
  decideCertificate?: (question: CertificateQuestion) => Promise<TrustDecision>;
  /** Told when explicit-if-available fell back to plain FTP (also logged as a warning). */
  onWarning?: (message: string) => void;
  /** Receives every log line from the first connect attempt on (the login included). */
  onLog?: (line: LogLine) => void;
  /** Aborts the connection attempt (CANCELLED). */
  signal?: AbortSignal;
}

/** Connects, secures (per `encryption`) and logs in; see {@link FtpConnectOptions}. */
export async function connectFtp(options: FtpConnectOptions): Promise<RemoteFs & FtpExtras> {
  const encryption = options.encryption;
  if (!['require-explicit', 'explicit-if-available', 'implicit', 'plain'].includes(encryption)) {
    throw new FerryError('INVALID_INPUT', `"${String(encryption)}" is not an FTP encryption mode.`);
  }
  const host = options.host?.trim() ?? '';
  if (host === '' || /[\s/]/.test(host)) throw new FerryError('INVALID_INPUT', `"${options.host}" is not a host name or address.`);
  const port = options.port ?? (encryption === 'implicit' ? 990 : 21);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new FerryError('INVALID_INPUT', `${port} is not a valid port.`);
  const anonymous = options.user === undefined || options.user === '';
  const user = anonymous ? 'anonymous' : (options.user as string);
  const password = anonymous ? (options.password ?? 'anonymous@') : (options.password ?? '');
  // Checked before connecting: a CR/LF in a credential would inject commands.
  assertSafeArgument(user);
  assertSafeArgument(password, true);
  if (options.account !== undefined) assertSafeArgument(options.account, true);
  const charset = charsetFor(options.charset);
  const timeouts: FtpTimeouts = {
    connectMs: options.timeouts?.connectMs ?? DEFAULT_TIMEOUT_MS,
    replyMs: options.timeouts?.replyMs ?? DEFAULT_TIMEOUT_MS,
    dataIdleMs: options.timeouts?.dataIdleMs ?? DEFAULT_TIMEOUT_MS,
  };
  const log = new FtpLog(logSource(host, port));
  if (options.onLog) log.listen(options.onLog);
  const policy: CertificatePolicy = { host, port, trustStore: options.trustStore, log };
  if (options.decideCertificate) policy.decideCertificate = options.decideCertificate;

  const tlsOptions: TlsExtras = options.extraCaCertificates?.length ? { extraCaCertificates: options.extraCaCertificates } : {};
  let implicitCertificate: AcceptedCertificate | null = null;
  const ctl = await ControlConnection.open({
    host,
    port,
    charset,
    log,
    connectMs: timeouts.connectMs,
    replyMs: timeouts.replyMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(encryption === 'implicit'
      ? {
          secureAtOnce: async (plain) => {
            const socket = await startTls({ socket: plain, host, timeoutMs: timeouts.connectMs, ...tlsOptions });
            try {
              implicitCertificate = await acceptCertificate(socket, policy);
            } catch (error) {
              socket.destroy();
              throw error;
            }
            log.status(`TLS established: ${socket.getProtocol() ?? 'TLS'}, ${socket.getCipher().name}.`);
            return socket;
          },
        }
      : {}),
  });

  const onAbort = (): void => ctl.fail(new FerryError('CANCELLED', 'The connection was cancelled.'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await login(ctl, {
      encryption,
      user,
      password,
      ...(options.account !== undefined ? { account: options.account } : {}),
      connectMs: timeouts.connectMs,
      certificatePolicy: policy,
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
      acceptedCertificate: implicitCertificate,
      tlsOptions,
    });
    const pwd = await ctl.command(ftpCommand('PWD'));
    const initialDir = (isCompletion(pwd) ? parsePwdReply(replyText(pwd)) : null) ?? '/';
    ctl.keepUnsolicited = false;
    const session: FtpSession = {
      ctl,
      log,
      host,
      timeouts,
      data: new DataChannelOpener(ctl, {
        dataMode: options.dataMode ?? 'default',
        usePasvAddress: options.usePasvAddress ?? false,
        connectMs: timeouts.connectMs,
        ...(options.activePortRange ? { activePortRange: options.activePortRange } : {}),
        ...(options.activeExternalAddress ? { activeExternalAddress: options.activeExternalAddress } : {}),
      }),
      protectedData: result.protectedData,
      certificate: result.certificate,
      tlsOptions,
      features: result.features,
      capabilities: capabilitiesOf(result.features),
      serverTimeOffsetMinutes: options.serverTimeOffsetMinutes ?? 0,
      transferType: null,
      serverDir: initialDir,
      listAllRefused: false,
    };
    const keepAlive =
      options.keepAliveMs && options.keepAliveMs > 0
        ? new KeepAlive(options.keepAliveMs, options.keepAliveLimitMs ?? DEFAULT_KEEP_ALIVE_LIMIT_MS, () =>
            ctl.run(async () => {
              const reply = await ctl.command(ftpCommand('NOOP'));
              if (!isCompletion(reply)) throw new FerryError('PROTOCOL_ERROR', `NOOP was refused: ${replyText(reply)}`);
            }),
          )
        : null;
    log.status(`Logged in${result.system ? ` (${result.system})` : ''}; current folder ${initialDir}.`);
    return new FtpClient(session, { system: result.system, downgraded: result.downgraded, initialDir }, keepAlive);
  } catch (error) {
    if (ctl.isOpen) ctl.fail(error instanceof FerryError ? error : new FerryError('CONNECTION_LOST', String(error)));
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
