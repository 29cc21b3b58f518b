/**
 * Opens an SFTP connection: TCP, SSH key exchange with host-key verification, login,
 * SFTP subsystem, home folder. Each step logs what it did; each failure becomes a
 * FerryError with a precise code.
 */
import type { EventEmitter } from 'node:events';
import { Client, type ConnectConfig, type NegotiatedAlgorithms, type SFTPWrapper } from 'ssh2';
import { FerryError } from '../../../shared/errors';
import type { LogLine } from '../../../shared/contract/app';
import type { HostKeyQuestion, TrustDecision } from '../../../shared/types/trust';
import type { RemoteFs } from '../remote-fs';
import type { TrustStore } from '../trust-store';
import { loginMethodName, planLogin, type PromptRequest } from './auth';
import { connectionError, sftpRequestError } from './errors';
import { preferredHostKeyTypes } from './host-key-check';
import { createHostKeyVerifier } from './host-key-verifier';
import { defaultKnownHostsPath, readKnownHosts, type KnownHostsFile } from './known-hosts';
import { SftpLog, sftpLogSource } from './log';
import { loadPrivateKey, type PrivateKeySource } from './private-key';
import { SftpRemoteFs } from './sftp-fs';

/** How to reach, verify and log in to an SFTP server. */
export interface SftpConnectOptions {
  host: string;
  /** Default 22. */
  port?: number;
  user: string;
  password?: string;
  /** OpenSSH, PEM (PKCS#1, SEC1, PKCS#8) or PuTTY .ppk version 2 (RSA/DSA). */
  privateKey?: PrivateKeySource;
  passphrase?: string;
  /** Asked when the key is encrypted and no (right) passphrase is known; `null` = cancel. */
  askPassphrase?: (keyPath: string) => Promise<string | null>;
  /** ssh-agent socket path; `true` = `SSH_AUTH_SOCK`. */
  agent?: string | boolean;
  /** keyboard-interactive: each prompt is a request to the caller, never auto-answered. `null` = cancel. */
  answerPrompts?: (request: PromptRequest) => Promise<string[] | null>;
  /** Pinned host keys (kind 'host-key'); "trust always" pins here. */
  trustStore: TrustStore;
  /**
   * OpenSSH known_hosts, used read-only. Default: `~/.ssh/known_hosts` (if it exists);
   * `null` = do not use it.
   */
  knownHostsFile?: string | null;
  /** Asked about an unknown host key; absent = unknown keys are refused. */
  decideHostKey?: (question: HostKeyQuestion) => Promise<TrustDecision>;
  timeouts?: {
    /** From TCP connect to logged in, not counting time spent waiting for the user. Default 20 s. */
    connectMs?: number;
    /** A request without an answer for this long closes the connection. Default 20 s. */
    idleMs?: number;
  };
  /** SSH keep-alive interval (0 = off, default). Three unanswered ones drop the connection. */
  keepAliveMs?: number;
  /** Aborts connecting (CANCELLED). */
  signal?: AbortSignal;
  /** Log lines while connecting (they are also replayed to `RemoteFs.onLog` listeners). */
  onLog?: (line: LogLine) => void;
  /**
   * Transfer tuning: bytes per request (default like OpenSSH: 32 KiB, or the server's
   * announced limit up to 256 KiB) and requests in flight per file (default 64).
   */
  transfer?: { chunkSize?: number; maxRequests?: number };
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** ssh2's host key algorithms, in its default order. */
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Connects, verifies the host key, logs in and opens SFTP. Rejects with a FerryError. */
export async function connectSftp(options: SftpConnectOptions): Promise<RemoteFs> {
  const host = (options.host ?? '').trim();
  const port = options.port ?? 22;
  if (host === '') throw new FerryError('INVALID_INPUT', 'No host name was given.');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new FerryError('INVALID_INPUT', `Not a valid port: ${String(options.port)}.`);
  if (!options.user) throw new FerryError('INVALID_INPUT', 'No user name was given.');
  if (!options.trustStore) throw new FerryError('INVALID_INPUT', 'No trust store was given for host keys.');
  throwIfCancelled(options.signal);

  const log = new SftpLog(sftpLogSource(host, port));
  if (options.onLog) log.listen(options.onLog);

  const knownHosts = await loadKnownHosts(options.knownHostsFile, log);
  // Asking for a passphrase happens before connecting, so the server's login grace time
  // does not run while the user types.
  const key = options.privateKey
    ? {
        parsed: await loadPrivateKey({
          source: options.privateKey,
          ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
          ...(options.askPassphrase ? { askPassphrase: options.askPassphrase } : {}),
        }),
        label: 'path' in options.privateKey ? options.privateKey.path : 'the pasted key',
      }
    : undefined;
  throwIfCancelled(options.signal);
  const agent = resolveAgent(options.agent, log);

  return new Promise<RemoteFs>((resolve, reject) => {
    const server = `${host}:${port}`;
    const connectMs = options.timeouts?.connectMs ?? DEFAULT_TIMEOUT_MS;
    const client = new Client();
    let settled = false;
    let session: SftpRemoteFs | null = null;
    /** The real reason, when known, wins over ssh2's generic follow-up error. */
    let reason: FerryError | null = null;
    let cipher: string | undefined;

    /** Our login-time listeners on the client, removed when login ends either way. */
    type Listener = (...args: never[]) => void;
    const listeners: [string, Listener][] = [];
    const listen = (event: string, handler: Listener): void => {
      listeners.push([event, handler]);
      (client as EventEmitter).on(event, handler as unknown as (...args: unknown[]) => void);
    };
    const unlisten = (): void => {
      for (const [event, handler] of listeners) client.removeListener(event, handler as unknown as (...args: unknown[]) => void);
    };

    const fail = (error: FerryError): void => {
      if (settled) return;
      settled = true;
      timer.stop();
      options.signal?.removeEventListener('abort', onAbort);
      log.error(error.detail && !error.message.includes(error.detail) ? `${error.message} (${error.detail})` : error.message);
      // Keep one 'error' listener: ssh2 may still emit after we gave up, and an unhandled
      // 'error' event would crash the process.
      unlisten();
      client.on('error', () => undefined);
      client.destroy();
      reject(error);
    };

    const timer = new PausableTimer(connectMs, () =>
      fail(new FerryError('TIMEOUT', `${server} did not complete the SSH login within ${Math.round(connectMs / 1000)} s.`)),
    );
    const onAbort = (): void => fail(new FerryError('CANCELLED', `Connecting to ${server} was cancelled.`));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const waitingForUser = (active: boolean): void => (active ? timer.pause() : timer.resume());

    const hostVerifier = createHostKeyVerifier({
      host,
      port,
      trustStore: options.trustStore,
      knownHosts,
      ...(options.decideHostKey ? { decideHostKey: options.decideHostKey } : {}),
      log,
      waitingForUser,
      refused: (error) => {
        if (session) session.abort(error);
        else reason ??= error;
      },
    });

    const login = planLogin(
      {
        user: options.user,
        ...(options.password !== undefined ? { password: options.password } : {}),
        ...(key ? { key } : {}),
        ...(agent ? { agent } : {}),
        ...(options.answerPrompts ? { answerPrompts: options.answerPrompts } : {}),
      },
      {
        attempt: (method) => log.status(`Trying ${loginMethodName(method)} authentication as "${options.user}"…`),
        waitingForUser,
        fail,
      },
    );

    listen('handshake', (negotiated: NegotiatedAlgorithms) => {
      cipher = negotiated.cs.cipher;
      log.status(`SSH connection established (${negotiated.kex}, ${negotiated.serverHostKey}, ${cipher}).`);
    });
    listen('banner', (message: string) => {
      const text = message.trim();
      if (text) log.status(`Server banner: ${text}`);
    });
    listen('change password', () =>
      fail(new FerryError('AUTH_FAILED', `The server wants the password of "${options.user}" changed first. Change it with an SSH client, then connect again.`)),
    );
    listen('error', (error: Error & { level?: string }) => {
      if (settled) return;
      if (error.level === 'agent' || /Error (while )?sign/i.test(error.message)) {
        // ssh2 goes on with the next method after these.
        log.warning(`Authentication method failed: ${error.message}`);
        return;
      }
      if (error.level === 'client-authentication') return fail(reason ?? login.failure());
      fail(reason ?? connectionError(error, { host, port }));
    });
    listen('close', () => {
      if (!settled) fail(reason ?? new FerryError('CONNECTION_LOST', `${server} closed the connection during login.`));
    });
    listen('ready', () => {
      const method = login.currentMethod();
      log.status(`Logged in as "${options.user}"${method ? ` (${loginMethodName(method)})` : ''}.`);
      const opened = (error: Error | undefined, sftp: SFTPWrapper): void => {
        if (settled) return;
        if (error) {
          fail(new FerryError('PROTOCOL_ERROR', `${server} does not offer SFTP for "${options.user}".`, error.message));
          return;
        }
        // Until the session takes over: a broken SFTP stream must fail the login, not crash.
        sftp.on('error', (sftpError: Error) => fail(new FerryError('PROTOCOL_ERROR', `${server} broke the SFTP protocol.`, sftpError.message)));
        sftp.realpath('.', (pathError, home) => {
          if (settled) return;
          if (pathError) {
            fail(sftpRequestError(pathError, 'Cannot find the home folder'));
            return;
          }
          settled = true;
          timer.stop();
          options.signal?.removeEventListener('abort', onAbort);
          // The session installs its own listeners (an 'error' listener at once, synchronously).
          unlisten();
          session = new SftpRemoteFs({
            client,
            sftp,
            home,
            log,
            host,
            port,
            ...(cipher ? { cipher } : {}),
            idleMs: options.timeouts?.idleMs ?? DEFAULT_TIMEOUT_MS,
            ...(options.transfer?.chunkSize ? { chunkSize: options.transfer.chunkSize } : {}),
            ...(options.transfer?.maxRequests ? { maxRequests: options.transfer.maxRequests } : {}),
          });
          log.status(`SFTP session open; home folder "${home}".`);
          log.freezeHistory();
          resolve(session);
        });
      };
      try {
        client.sftp(opened);
      } catch (error) {
        // ssh2 throws "Not connected" when the socket closed in the meantime.
        fail(reason ?? new FerryError('CONNECTION_LOST', `${server} closed the connection right after login.`, (error as Error).message));
      }
    });

    const preferred = preferredHostKeyTypes(knownHosts, host, port);
    const config: ConnectConfig = {
      host,
      port,
      username: options.user,
      // Never unset: without a verifier ssh2 accepts any host key.
      hostVerifier,
      authHandler: login.handler,
      // Our own timer (above) pauses while the user is asked; ssh2's would not.
      readyTimeout: 0,
      keepaliveInterval: options.keepAliveMs ?? 0,
      keepaliveCountMax: 3,
      ...(preferred.length > 0 ? { algorithms: { serverHostKey: orderHostKeyAlgorithms(preferred) as never } } : {}),
    };
    timer.start();
    log.status(`Connecting to ${server}…`);
    try {
      client.connect(config);
      // SFTP is request/response: with Nagle's algorithm on, each small request waits for the
      // ACK of the previous segment. Measured over loopback, TCP_NODELAY doubles download speed.
      client.setNoDelay(true);
    } catch (error) {
      fail(new FerryError('INVALID_INPUT', `Cannot connect to ${server}: ${(error as Error).message}`));
    }
  });
}

/** Known host key types first (OpenSSH's order_hostkeyalgs), then the rest in ssh2's order. */
function orderHostKeyAlgorithms(knownTypes: string[]): string[] {
  const first = HOST_KEY_ALGORITHMS.filter((algorithm) =>
    knownTypes.some((type) => type === algorithm || (type === 'ssh-rsa' && algorithm.startsWith('rsa-sha2-'))),
  );
  return [...first, ...HOST_KEY_ALGORITHMS.filter((algorithm) => !first.includes(algorithm))];
}

async function loadKnownHosts(file: string | null | undefined, log: SftpLog): Promise<KnownHostsFile | null> {
  if (file === null) return null;
  const path = file ?? defaultKnownHostsPath();
  const parsed = await readKnownHosts(path);
  for (const problem of parsed.problems) log.warning(`known_hosts (${path}): ${problem}`);
  return parsed;
}

function resolveAgent(agent: string | boolean | undefined, log: SftpLog): string | undefined {
  if (agent === undefined || agent === false) return undefined;
  if (agent === true) {
    const socket = process.env.SSH_AUTH_SOCK;
    if (!socket) log.warning('No ssh-agent is running (SSH_AUTH_SOCK is not set); agent login skipped.');
    return socket || undefined;
  }
  return agent;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FerryError('CANCELLED', 'Connecting was cancelled.');
}

/** A one-shot timer that can be paused (while the user is asked) and resumed with its full time. */
class PausableTimer {
  private handle: NodeJS.Timeout | null = null;
  private stopped = false;
  constructor(
    private readonly ms: number,
    private readonly onExpire: () => void,
  ) {}
  start(): void {
    if (this.stopped || this.ms <= 0) return;
    this.clear();
    this.handle = setTimeout(() => {
      this.handle = null;
      this.onExpire();
    }, this.ms);
  }
  pause(): void {
    this.clear();
  }
  resume(): void {
    this.start();
  }
  stop(): void {
    this.stopped = true;
    this.clear();
  }
  private clear(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
  }
}
