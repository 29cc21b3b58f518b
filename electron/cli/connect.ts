/**
 * Opens a connection for a command: from a URL or a `site:` reference plus
 * the command-line flags, with a terminal (or refusing) asker and the same
 * trust store the app uses.
 */
import { FerryError } from '../../shared/errors';
import type { LogLine } from '../../shared/contract/app';
import type { RemoteFs } from '../protocol/remote-fs';
import type { TrustStore } from '../protocol/trust-store';
import type { ConnectionSpec } from '../remote/connection-spec';
import type { SiteServices } from '../sites';
import { openRemote } from '../remote/open-remote';
import { TrustOnceMemory } from '../remote/trust-once-memory';
import { terminalAsker, type Refusals, type TerminalIo } from './terminal-asker';
import type { ServerUrl, SiteRef } from './url';

/** Flags every command that connects understands. */
export interface ConnectFlags {
  active?: boolean;
  passive?: boolean;
  plain?: boolean;
  trust?: string[];
  timeout?: string;
  verbose?: boolean;
  key?: string;
}

/** What the CLI needs from its surroundings; tests pass their own. */
export interface CliContext {
  io: TerminalIo;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  trustStore: TrustStore;
  /** Resolves `site:Folder/Name/path` to a spec and the remote path it names (absolute, relative to the login folder, or `null`). */
  resolveSite(ref: SiteRef): Promise<{ spec: ConnectionSpec; remotePath: string | null }>;
  /** The site manager's services, for `ferry sites`; absent where there are no saved sites. */
  sites?: SiteServices;
}

/** Builds the connection spec for an address and flags, and the remote path it names (`null`: the login folder). */
export async function specFor(
  address: ServerUrl | SiteRef,
  flags: ConnectFlags,
  context: CliContext,
): Promise<{ spec: ConnectionSpec; remotePath: string | null }> {
  let spec: ConnectionSpec;
  let remotePath: string | null;
  if (address.kind === 'site') {
    ({ spec, remotePath } = await context.resolveSite(address));
  } else {
    remotePath = address.path;
    const password = address.password ?? context.env.FERRY_PASSWORD;
    spec = {
      protocol: address.protocol,
      host: address.host,
      port: address.port,
      user: address.user ?? (address.protocol === 'sftp' ? (context.env.USER ?? '') : ''),
      ...(password === undefined ? {} : { password }),
      encryption: address.encryption,
      dataMode: 'default',
      // A user without a password: ask on a terminal (SFTP may still use a key or the agent).
      askPassword: password === undefined && address.user !== undefined && !flags.key && context.io.interactive,
      label: address.user ? `${address.user}@${address.host}` : address.host,
    };
  }
  if (flags.active && flags.passive) throw new FerryError('INVALID_INPUT', 'Choose --active or --passive, not both.');
  if (flags.active) spec.dataMode = 'active';
  if (flags.passive) spec.dataMode = 'passive';
  if (flags.plain) spec.encryption = 'plain';
  if (flags.key) spec.keyFile = flags.key;
  if (flags.trust?.length) spec.trustedFingerprints = [...(spec.trustedFingerprints ?? []), ...flags.trust];
  return { spec, remotePath };
}

/**
 * Fingerprints the user trusted once during this run: `get -r` opens several
 * connections and must not ask the same question for each.
 */
const trustedThisRun = new WeakMap<CliContext, TrustOnceMemory>();

/** Connects, turning a refused certificate or host key into the exact flag that would accept it. */
export async function connectFor(spec: ConnectionSpec, flags: ConnectFlags, context: CliContext): Promise<RemoteFs> {
  const refusals: Refusals = {};
  const runTrust = trustedThisRun.get(context) ?? new TrustOnceMemory();
  trustedThisRun.set(context, runTrust);
  const timeoutMs = flags.timeout === undefined ? undefined : parseTimeout(flags.timeout);
  const log = (line: LogLine): void => {
    if (flags.verbose || line.level === 'warning') context.stderr.write(`${line.level === 'warning' ? 'warning: ' : ''}${line.text}\n`);
  };
  try {
    const fs = await openRemote(runTrust.apply(spec), {
      trustStore: context.trustStore,
      asker: runTrust.wrap(terminalAsker(context.io, refusals)),
      log,
      ...(timeoutMs === undefined ? {} : { timeouts: { connectMs: timeoutMs, replyMs: timeoutMs, dataIdleMs: timeoutMs } }),
    });
    return fs;
  } catch (error) {
    throw explainRefusal(error, refusals);
  }
}

function explainRefusal(error: unknown, refusals: Refusals): unknown {
  const certificate = refusals.certificate;
  if (certificate) {
    return new FerryError(
      'CERT_UNTRUSTED',
      `The certificate of ${certificate.host}:${certificate.port} is not trusted (${certificate.reason}); ` +
        `SHA-256 fingerprint ${certificate.fingerprint256}. If you trust it, run again with --trust SHA256:${certificate.fingerprint256}`,
    );
  }
  const hostKey = refusals.hostKey;
  if (hostKey) {
    return new FerryError(
      'HOST_KEY_UNKNOWN',
      `${hostKey.host}:${hostKey.port} is not a known host (${hostKey.keyType} key ${hostKey.fingerprint}). ` +
        `If you trust it, run again with --trust ${hostKey.fingerprint}`,
    );
  }
  return error;
}

function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new FerryError('INVALID_INPUT', `--timeout takes seconds, not "${text}".`);
  return Math.round(seconds * 1000);
}
