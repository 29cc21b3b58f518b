/**
 * TLS for FTPS: the handshake, and deciding whether to trust the server's certificate.
 *
 * Node checks the chain against the system CAs and the host name. When that fails
 * (self-signed, expired, another name, unknown issuer) the certificate is not
 * refused outright: it becomes a question to the user (subject, issuer, validity,
 * SHA-256 fingerprint, reason) answered reject / trust once / always trust, and
 * "always" pins the fingerprint for host:port in the trust store.
 *
 * Security: a pinned host whose certificate no longer matches the pin is refused
 * with CERT_UNTRUSTED and a message that says the certificate CHANGED; Ferry does
 * not offer to replace the pin (that is how a man in the middle would look). The
 * user removes the old pin on purpose if the change is expected. A certificate that
 * verifies against the system CAs for the right host name is accepted without pins.
 */
import net from 'node:net';
import tls from 'node:tls';
import { FerryError } from '../../../shared/errors';
import type { CertificateQuestion, TrustDecision } from '../../../shared/types/trust';
import type { TrustStore } from '../trust-store';
import { formatSeconds } from './tcp';
import { watchDataEnd } from './data-end';
import type { FtpLog } from './log';

/** How a certificate came to be trusted. */
export type CertificateAcceptance = 'system-ca' | 'pinned' | 'trust-once' | 'trust-always';

/** The certificate a control connection accepted; data connections must match it. */
export interface AcceptedCertificate {
  fingerprint256: string;
  acceptedBy: CertificateAcceptance;
}

/** Who to ask and where pins live. */
export interface CertificatePolicy {
  host: string;
  port: number;
  trustStore: TrustStore;
  decideCertificate?: (question: CertificateQuestion) => Promise<TrustDecision>;
  log: FtpLog;
}

/** TLS settings a site may add. */
export interface TlsExtras {
  /** PEM certificates trusted in addition to Node's built-in CA list (a company CA). */
  extraCaCertificates?: string[];
}

/** Options of {@link startTls}. */
export interface StartTlsOptions extends TlsExtras {
  /** The name the certificate must be for (the site's host). */
  host: string;
  /** The TCP socket to run TLS on. */
  socket: net.Socket;
  timeoutMs: number;
  /** A session to resume (data connections). */
  session?: Buffer;
}

/**
 * Runs a TLS handshake (we are the TLS client, also on active-mode data
 * connections, RFC 4217 §7) and resolves with the socket once it is secure.
 * Chain and host name are checked by Node but not enforced here: the caller
 * decides with {@link acceptCertificate} or {@link assertSameCertificate}.
 */
export function startTls(options: StartTlsOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const connectOptions: tls.ConnectionOptions = {
      socket: options.socket,
      host: options.host,
      // Verification is decided after the handshake (to ask the user), never skipped.
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    };
    // SNI carries host names only (RFC 6066); an IP address is checked without it.
    if (net.isIP(options.host) === 0) connectOptions.servername = options.host;
    if (options.session) connectOptions.session = options.session;
    if (options.extraCaCertificates?.length) connectOptions.ca = [...tls.rootCertificates, ...options.extraCaCertificates];
    const socket = tls.connect(connectOptions);
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (error) {
        socket.destroy();
        reject(error instanceof FerryError ? error : new FerryError('CONNECTION_LOST', `The TLS handshake failed: ${error.message}`));
      } else resolve(socket);
    };
    const onError = (error: Error): void => finish(error);
    const timer = setTimeout(
      () => finish(new FerryError('TIMEOUT', `The TLS handshake did not finish within ${formatSeconds(options.timeoutMs)}.`)),
      options.timeoutMs,
    );
    socket.once('secureConnect', () => {
      // Record the end from now on: a short transfer can end before anyone reads it.
      watchDataEnd(socket);
      finish();
    });
    socket.once('error', onError);
    const onClose = (): void => finish(new FerryError('CONNECTION_LOST', 'The server closed the connection during the TLS handshake.'));
    socket.once('close', onClose);
  });
}

/**
 * Decides whether to trust the control connection's certificate (see the file
 * comment). Resolves with what was accepted; rejects with CERT_UNTRUSTED.
 */
export async function acceptCertificate(socket: tls.TLSSocket, policy: CertificatePolicy): Promise<AcceptedCertificate> {
  const certificate = socket.getPeerCertificate();
  if (!certificate || !certificate.fingerprint256) {
    throw new FerryError('CERT_UNTRUSTED', 'The server presented no certificate.');
  }
  const fingerprint256 = certificate.fingerprint256.toUpperCase();
  if (socket.authorized) {
    policy.log.status(`The certificate is valid for ${policy.host} (issued by ${describeName(certificate.issuer)}).`);
    return { fingerprint256, acceptedBy: 'system-ca' };
  }
  const pins = (await policy.trustStore.pinned('certificate', policy.host, policy.port)).map((p) => p.toUpperCase());
  if (pins.includes(fingerprint256)) {
    policy.log.status(`The certificate matches the one you trusted (${fingerprint256}).`);
    return { fingerprint256, acceptedBy: 'pinned' };
  }
  const question = certificateQuestion(socket, policy.host, policy.port);
  if (pins.length > 0) {
    throw new FerryError(
      'CERT_UNTRUSTED',
      `The server's certificate CHANGED since you chose to trust it. This can mean someone is intercepting the connection. ` +
        `If the change is expected, remove the trusted certificate for ${policy.host}:${policy.port} and connect again.`,
      `Trusted fingerprint: ${pins.join(', ')}\nNew fingerprint: ${fingerprint256}\nSubject: ${question.subject}\nIssuer: ${question.issuer}\nReason: ${question.reason}`,
    );
  }
  const detail = `Fingerprint (SHA-256): ${fingerprint256}\nSubject: ${question.subject}\nIssuer: ${question.issuer}\nValid: ${question.validFrom} – ${question.validTo}`;
  if (!policy.decideCertificate) {
    throw new FerryError('CERT_UNTRUSTED', `The server's certificate is not trusted: ${question.reason}.`, detail);
  }
  policy.log.status(`Asking whether to trust the certificate (${question.reason}).`);
  const decision = await policy.decideCertificate(question);
  if (decision === 'trust-once') {
    policy.log.warning(`Trusting the certificate ${fingerprint256} for this connection only (${question.reason}).`);
    return { fingerprint256, acceptedBy: 'trust-once' };
  }
  if (decision === 'trust-always') {
    await policy.trustStore.pin('certificate', policy.host, policy.port, fingerprint256);
    policy.log.status(`Trusting the certificate ${fingerprint256} from now on for ${policy.host}:${policy.port}.`);
    return { fingerprint256, acceptedBy: 'trust-always' };
  }
  throw new FerryError('CERT_UNTRUSTED', `You rejected the server's certificate (${question.reason}).`, detail);
}

/**
 * Security: a data connection must present the certificate the control connection
 * accepted (or one that fully verifies); otherwise someone else answered on the data
 * port. A data connection that resumed the control connection's TLS session needs no
 * certificate (TLS 1.3 resumption carries none): only the server that holds that
 * session's secret can resume it, and that server's certificate was accepted already.
 */
export function assertSameCertificate(socket: tls.TLSSocket, accepted: AcceptedCertificate | null): void {
  if (socket.authorized || socket.isSessionReused()) return;
  const fingerprint = socket.getPeerCertificate()?.fingerprint256?.toUpperCase();
  if (accepted && fingerprint === accepted.fingerprint256) return;
  throw new FerryError(
    'CERT_UNTRUSTED',
    'The data connection presented a different certificate than the control connection; Ferry refused it.',
    `Control: ${accepted?.fingerprint256 ?? 'none'}\nData: ${fingerprint ?? 'none'}`,
  );
}

/** The question shown to the user for an untrusted certificate. */
export function certificateQuestion(socket: tls.TLSSocket, host: string, port: number): CertificateQuestion {
  const certificate = socket.getPeerCertificate();
  return {
    host,
    port,
    subject: describeName(certificate.subject),
    issuer: describeName(certificate.issuer),
    validFrom: certificate.valid_from,
    validTo: certificate.valid_to,
    fingerprint256: certificate.fingerprint256.toUpperCase(),
    reason: describeVerifyError(socket.authorizationError),
  };
}

/** OpenSSL / Node verification codes in words. */
export function describeVerifyError(code: unknown): string {
  const text = code instanceof Error ? ((code as NodeJS.ErrnoException).code ?? code.message) : String(code ?? '');
  switch (text) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'the certificate is self-signed';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'the certificate chain ends in a self-signed certificate that is not trusted';
    case 'CERT_HAS_EXPIRED':
      return 'the certificate has expired';
    case 'CERT_NOT_YET_VALID':
      return 'the certificate is not valid yet';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'the certificate is for a different host name';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'the certificate was issued by an authority this computer does not know';
    case 'CERT_REVOKED':
      return 'the certificate has been revoked';
    default:
      return text ? `the certificate did not verify (${text})` : 'the certificate did not verify';
  }
}

/** `CN=example.com, O=Example` from Node's parsed name object. */
function describeName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}
