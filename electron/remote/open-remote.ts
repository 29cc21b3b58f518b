/**
 * Opens a connection for a {@link ConnectionSpec}: FTP/FTPS or SFTP, with the
 * user's answers to trust and password questions coming from an {@link Asker}.
 * The remote pane, the transfer queue and the CLI all connect through here.
 */
import { FerryError } from '../../shared/errors';
import type { LogLine } from '../../shared/contract/app';
import type { HostKeyQuestion, TrustDecision } from '../../shared/types/trust';
import { connectFtp } from '../protocol/ftp';
import type { RemoteFs } from '../protocol/remote-fs';
import type { TrustStore } from '../protocol/trust-store';
import type { Asker } from './asker';
import type { ConnectionSpec } from './connection-spec';

/** What every connection needs besides its spec. */
export interface OpenRemoteDeps {
  trustStore: TrustStore;
  asker: Asker;
  /** Every command, reply and status line of the connection, from the first connect attempt on. */
  log(line: LogLine): void;
  timeouts?: { connectMs?: number; replyMs?: number; dataIdleMs?: number };
  /** Active-mode settings, and what "default" data mode means, from the settings store. */
  ftp?: { defaultDataMode?: 'passive' | 'active'; activePortRange?: [number, number]; activeExternalAddress?: string };
}

/** Connects and logs in; rejects with a FerryError (`CANCELLED` when the user cancelled a prompt). */
export async function openRemote(spec: ConnectionSpec, deps: OpenRemoteDeps): Promise<RemoteFs> {
  const password = await passwordFor(spec, deps.asker);
  if (spec.protocol === 'ftp') {
    return connectFtp({
      host: spec.host,
      port: spec.port,
      ...(spec.user ? { user: spec.user } : {}),
      ...(password === undefined ? {} : { password }),
      ...(spec.account ? { account: spec.account } : {}),
      encryption: spec.encryption,
      dataMode: spec.dataMode === 'default' && deps.ftp?.defaultDataMode === 'active' ? 'active' : spec.dataMode,
      ...(deps.ftp?.activePortRange ? { activePortRange: deps.ftp.activePortRange } : {}),
      ...(deps.ftp?.activeExternalAddress ? { activeExternalAddress: deps.ftp.activeExternalAddress } : {}),
      ...(spec.charset ? { charset: spec.charset } : {}),
      ...(spec.serverTimeOffsetMinutes ? { serverTimeOffsetMinutes: spec.serverTimeOffsetMinutes } : {}),
      ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
      trustStore: deps.trustStore,
      decideCertificate: (question) => decide(spec, question.fingerprint256, () => deps.asker.certificate(question)),
      // Fall-back warnings also arrive as log lines; onWarning is for callers without a log.
      onLog: deps.log,
    });
  }
  // Loaded only for SFTP: ssh2 takes ~25 ms to load, which every FTP command of the CLI would pay.
  const { connectSftp } = await import('../protocol/sftp');
  return connectSftp({
    host: spec.host,
    port: spec.port,
    user: spec.user,
    ...(password === undefined ? {} : { password }),
    ...(spec.keyFile ? { privateKey: { path: spec.keyFile } } : {}),
    ...(spec.passphrase ? { passphrase: spec.passphrase } : {}),
    askPassphrase: (keyPath) => deps.asker.passphrase(keyPath),
    ...(spec.interactive || password === undefined
      ? { answerPrompts: (request) => deps.asker.interactive({ host: spec.host, ...request }) }
      : {}),
    ...(deps.timeouts?.connectMs ? { timeouts: { connectMs: deps.timeouts.connectMs } } : {}),
    trustStore: deps.trustStore,
    decideHostKey: (question: HostKeyQuestion) => decide(spec, question.fingerprint, () => deps.asker.hostKey(question)),
    onLog: deps.log,
  });
}

/** A fingerprint the user trusted for this run (`--trust`) is accepted without asking. */
async function decide(spec: ConnectionSpec, fingerprint: string, ask: () => Promise<TrustDecision>): Promise<TrustDecision> {
  const given = (spec.trustedFingerprints ?? []).map(normalizeFingerprint);
  if (given.includes(normalizeFingerprint(fingerprint))) return 'trust-once';
  return ask();
}

/** `SHA256:AB:CD…`, `ab:cd…` and `SHA256:base64` compare the way users paste them. */
export function normalizeFingerprint(text: string): string {
  const bare = text.trim().replace(/^SHA256:/i, '');
  return /^[0-9a-f]{2}(:[0-9a-f]{2})+$/i.test(bare) ? bare.replace(/:/g, '').toLowerCase() : bare.replace(/=+$/, '');
}

async function passwordFor(spec: ConnectionSpec, asker: Asker): Promise<string | undefined> {
  if (spec.password !== undefined || !spec.askPassword) return spec.password;
  const answer = await asker.password({ host: spec.host, user: spec.user, reason: 'The site does not store a password.' });
  if (answer === null) throw new FerryError('CANCELLED', 'Connecting was cancelled: no password was given.');
  return answer;
}

