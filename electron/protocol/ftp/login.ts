/**
 * The login sequence (RFC 959, 2228, 4217, 2389, 2640):
 *
 *   greeting 220 (120 = wait for the 220)
 *   [AUTH TLS → 234 → TLS handshake → certificate decision]
 *   USER → 331 → PASS → 230 (ACCT when the server asks with 332)
 *   SYST, FEAT, OPTS UTF8 ON (when FEAT lists UTF8 and the site uses UTF-8),
 *   OPTS MLST <facts> (when FEAT offers facts Ferry reads that are off)
 *   [PBSZ 0 + PROT P]
 *
 * Encryption modes:
 * - require-explicit: AUTH refused → TLS_REQUIRED; a 230 greeting (logged in without
 *   TLS, which a man in the middle could forge to skip AUTH) → TLS_REQUIRED;
 *   PROT P refused → TLS_REQUIRED.
 * - explicit-if-available: AUTH refused (or a 230 greeting) → plain FTP, but only
 *   after a visible warning through `onWarning`; `downgraded` is then set.
 * - implicit: the socket is TLS from the first byte; PROT P refused → TLS_REQUIRED.
 * - plain: no TLS at all.
 */
import { FerryError } from '../../../shared/errors';
import { ftpCommand } from './command';
import type { ControlConnection } from './control-connection';
import { mlstFactsToRequest, parseFeatures } from './features';
import { isCompletion, isIntermediate, isPreliminary, replyText } from './reply';
import { errorFromReply } from './reply-errors';
import { acceptCertificate, startTls, type AcceptedCertificate, type CertificatePolicy, type TlsExtras } from './tls-trust';

/** How the site wants the connection protected. */
export type FtpEncryption = 'require-explicit' | 'explicit-if-available' | 'implicit' | 'plain';

/** What {@link login} needs. */
export interface LoginOptions {
  encryption: FtpEncryption;
  user: string;
  password: string;
  account?: string;
  connectMs: number;
  certificatePolicy: CertificatePolicy;
  onWarning?: (message: string) => void;
  /** Extra TLS settings (company CAs). */
  tlsOptions: TlsExtras;
  /** For implicit FTPS: the certificate was already accepted when the socket opened. */
  acceptedCertificate?: AcceptedCertificate | null;
}

/** What the login found out. */
export interface LoginResult {
  system: string | null;
  features: Map<string, string>;
  certificate: AcceptedCertificate | null;
  /** PROT P is in force: data connections use TLS. */
  protectedData: boolean;
  /** Encryption was wanted but the server refused it. */
  downgraded: boolean;
  /** The server answered OPTS UTF8 ON positively (or UTF-8 is assumed). */
  utf8On: boolean;
}

/** Runs the login sequence on a fresh control connection; see the file comment. */
export async function login(ctl: ControlConnection, options: LoginOptions): Promise<LoginResult> {
  let greeting = await ctl.readReply('the greeting', options.connectMs);
  // 120: "service ready in nnn minutes": the 220 follows on the same connection.
  while (greeting.code === 120) greeting = await ctl.readReply('the greeting after 120', options.connectMs);
  if (greeting.code !== 220 && greeting.code !== 230) {
    const error = errorFromReply(greeting, 'log in', 'other');
    throw greeting.code === 421 || greeting.code >= 500
      ? new FerryError('CONNECTION_REFUSED', `The server refused the connection: ${replyText(greeting)}`, replyText(greeting))
      : error;
  }
  let alreadyLoggedIn = greeting.code === 230;
  let certificate = options.acceptedCertificate ?? null;
  let downgraded = false;
  const encrypted = options.encryption === 'implicit' || options.encryption === 'require-explicit' || options.encryption === 'explicit-if-available';

  if (options.encryption === 'require-explicit' || options.encryption === 'explicit-if-available') {
    if (alreadyLoggedIn) {
      if (options.encryption === 'require-explicit') {
        throw new FerryError(
          'TLS_REQUIRED',
          'The server logged in without encryption (greeting 230) although this site requires TLS; Ferry disconnected.',
          replyText(greeting),
        );
      }
      downgraded = true;
      warn(options, ctl, 'The server logged in at once without offering TLS: this connection is NOT encrypted.');
    } else {
      const auth = await ctl.command(ftpCommand('AUTH', 'TLS'));
      if (auth.code === 234) {
        certificate = await secureControl(ctl, options);
      } else if (options.encryption === 'require-explicit') {
        throw new FerryError(
          'TLS_REQUIRED',
          `The server refused TLS (AUTH TLS was answered ${auth.code}); this site requires an encrypted connection.`,
          replyText(auth),
        );
      } else {
        downgraded = true;
        warn(options, ctl, `The server does not offer TLS (AUTH TLS answered ${replyText(auth)}): the password and files travel UNENCRYPTED.`);
      }
    }
  }

  if (!alreadyLoggedIn) {
    await sendCredentials(ctl, options);
    alreadyLoggedIn = true;
  }

  const syst = await ctl.command(ftpCommand('SYST'));
  const system = isCompletion(syst) ? syst.lines[0]?.replace(/^\d{3}[ -]?/, '').trim() ?? null : null;
  const features = parseFeatures(await ctl.command(ftpCommand('FEAT')));

  let utf8On = ctl.charset.isUtf8;
  if (ctl.charset.isUtf8 && features.has('UTF8')) {
    const opts = await ctl.command(ftpCommand('OPTS', 'UTF8 ON'));
    if (!isCompletion(opts)) ctl.log.warning(`The server refused OPTS UTF8 ON (${replyText(opts)}); names are still sent as UTF-8.`);
    utf8On = true;
  }

  // Ask for the facts Ferry reads (UNIX.mode, owner, …): many servers leave them off by default.
  const facts = mlstFactsToRequest(features);
  if (facts) {
    const opts = await ctl.command(ftpCommand('OPTS', facts));
    if (!isCompletion(opts)) ctl.log.status(`The server refused OPTS ${facts}; listings carry its default facts.`);
  }

  let protectedData = false;
  if (ctl.secureSocket && encrypted) {
    // PBSZ 0 must precede PROT (RFC 4217 §8); its refusal is reported through PROT.
    await ctl.command(ftpCommand('PBSZ', '0'));
    const prot = await ctl.command(ftpCommand('PROT', 'P'));
    if (isCompletion(prot)) {
      protectedData = true;
    } else if (options.encryption === 'explicit-if-available') {
      downgraded = true;
      warn(options, ctl, `The server refused to encrypt data connections (PROT P answered ${replyText(prot)}): file contents and listings travel UNENCRYPTED.`);
    } else {
      throw new FerryError(
        'TLS_REQUIRED',
        `The server refused to encrypt data connections (PROT P answered ${prot.code}); this site requires encryption.`,
        replyText(prot),
      );
    }
  }
  return { system, features, certificate, protectedData, downgraded, utf8On };
}

async function secureControl(ctl: ControlConnection, options: LoginOptions): Promise<AcceptedCertificate> {
  let accepted: AcceptedCertificate | null = null;
  await ctl.upgradeToTls(async (plain) => {
    const socket = await startTls({ socket: plain, host: options.certificatePolicy.host, timeoutMs: options.connectMs, ...options.tlsOptions });
    try {
      accepted = await acceptCertificate(socket, options.certificatePolicy);
    } catch (error) {
      socket.destroy();
      throw error;
    }
    ctl.log.status(`TLS established: ${socket.getProtocol() ?? 'TLS'}, ${socket.getCipher().name}.`);
    return socket;
  });
  if (!accepted) throw new FerryError('INTERNAL', 'The TLS upgrade finished without a certificate decision.');
  return accepted;
}

async function sendCredentials(ctl: ControlConnection, options: LoginOptions): Promise<void> {
  let reply = await ctl.command(ftpCommand('USER', options.user));
  if (reply.code === 331) reply = await ctl.command(ftpCommand('PASS', options.password));
  if (reply.code === 332) {
    if (options.account === undefined) {
      throw new FerryError('AUTH_FAILED', 'The server asks for an account (ACCT) to log in; set one in the site settings.', replyText(reply));
    }
    reply = await ctl.command(ftpCommand('ACCT', options.account));
  }
  if (isCompletion(reply)) return;
  if (isIntermediate(reply) || isPreliminary(reply)) {
    throw new FerryError('PROTOCOL_ERROR', `The login did not finish: the server answered ${replyText(reply)}.`, replyText(reply));
  }
  const error = errorFromReply(reply, `log in as "${options.user}"`, 'other');
  if (error.code === 'TLS_REQUIRED' || error.code === 'CONNECTION_LOST') throw error;
  throw new FerryError('AUTH_FAILED', `The server refused the login: ${replyText(reply)}`, replyText(reply));
}

function warn(options: LoginOptions, ctl: ControlConnection, message: string): void {
  ctl.log.warning(message);
  options.onWarning?.(message);
}

