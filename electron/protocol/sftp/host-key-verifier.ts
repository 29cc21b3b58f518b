/**
 * The ssh2 `hostVerifier` for one connection: runs during the key exchange, before any
 * credential is sent. ssh2 accepts EVERY host key when no verifier is given, so the
 * connector must always install this one.
 *
 * - known key (pinned, or in known_hosts) → connect;
 * - unknown key → the user decides (reject / trust once / trust always → pinned);
 *   nobody to ask → refused;
 * - changed or revoked key → refused loudly, never asked, never replaced;
 * - a re-key later in the session must present the very same key.
 */
import type { HostKeyQuestion, TrustDecision } from '../../../shared/types/trust';
import { FerryError } from '../../../shared/errors';
import type { TrustStore } from '../trust-store';
import { checkHostKey } from './host-key-check';
import { hostKeyFingerprint, hostKeyType } from './host-key-fingerprint';
import { knownHostsName, type KnownHostsFile } from './known-hosts';
import type { SftpLog } from './log';

/** What the verifier needs to know. */
export interface HostKeyVerifierOptions {
  host: string;
  port: number;
  trustStore: TrustStore;
  knownHosts: KnownHostsFile | null;
  /** Asks the user about an unknown key; absent = unknown keys are refused. */
  decideHostKey?: (question: HostKeyQuestion) => Promise<TrustDecision>;
  log: SftpLog;
  /** The user is being asked (true) or has answered (false): the connect timer pauses meanwhile. */
  waitingForUser(active: boolean): void;
  /** Why the key was refused; reported instead of ssh2's generic "Host denied". */
  refused(error: FerryError): void;
}

/** An ssh2 host verifier in its async form: `(keyBlob, verify) => void`. */
export type AsyncHostVerifier = (key: Buffer, verify: (accept: boolean) => void) => void;

/** Builds the verifier for one connection. */
export function createHostKeyVerifier(options: HostKeyVerifierOptions): AsyncHostVerifier {
  const { host, port, log } = options;
  const server = `${host}:${port}`;
  let acceptedKey: Buffer | null = null;

  return (key, verify) => {
    const fingerprint = hostKeyFingerprint(key);
    const keyType = hostKeyType(key);
    if (acceptedKey) {
      // Re-key: the server must prove the same identity again.
      if (acceptedKey.equals(key)) return verify(true);
      options.refused(
        new FerryError(
          'HOST_KEY_CHANGED',
          `WARNING: the host key of ${server} CHANGED during the session (now ${keyType} ${fingerprint}). This could be an attack; Ferry closed the connection.`,
        ),
      );
      return verify(false);
    }
    decide(key, keyType, fingerprint).then(
      (accept) => {
        if (accept) acceptedKey = Buffer.from(key);
        verify(accept);
      },
      (error: unknown) => {
        options.refused(
          error instanceof FerryError ? error : new FerryError('HOST_KEY_UNKNOWN', `The host key of ${server} could not be checked.`, String(error)),
        );
        verify(false);
      },
    );
  };

  async function decide(key: Buffer, keyType: string, fingerprint: string): Promise<boolean> {
    log.status(`Host key of ${server}: ${keyType} ${fingerprint}`);
    const verdict = await checkHostKey({ host, port, key, trustStore: options.trustStore, knownHosts: options.knownHosts });
    switch (verdict.kind) {
      case 'known':
        log.status(verdict.source === 'trust-store' ? 'Host key is trusted (pinned in Ferry).' : 'Host key is trusted (listed in known_hosts).');
        return true;
      case 'revoked':
        return refuse(
          new FerryError(
            'HOST_KEY_CHANGED',
            `WARNING: the host key of ${server} (${keyType} ${fingerprint}) is marked as REVOKED in known_hosts (line ${verdict.line}). This could be an attack; Ferry refused to connect and sent no credentials.`,
          ),
        );
      case 'changed': {
        const how =
          verdict.source === 'trust-store'
            ? 'If the server\'s key was really replaced, confirm the new fingerprint with its administrator and remove the old key from Ferry\'s trusted host keys.'
            : `If the server's key was really replaced, confirm the new fingerprint with its administrator and remove the old entry with: ssh-keygen -R '${knownHostsName(host, port)}'`;
        return refuse(
          new FerryError(
            'HOST_KEY_CHANGED',
            `WARNING: the host key of ${server} has CHANGED. This could be an attack (someone intercepting the connection to read your password and files), or the key was replaced. Ferry refused to connect and sent no credentials.`,
            `Presented: ${keyType} ${fingerprint}. Expected (${verdict.source === 'trust-store' ? 'pinned in Ferry' : 'known_hosts'}): ${verdict.expected.join(', ')}. ${how}`,
          ),
        );
      }
      case 'unknown':
        return askUser(keyType, fingerprint);
    }
  }

  async function askUser(keyType: string, fingerprint: string): Promise<boolean> {
    if (!options.decideHostKey) {
      return refuse(
        new FerryError(
          'HOST_KEY_UNKNOWN',
          `The host key of ${server} is not known (${keyType} ${fingerprint}), and nobody could confirm it, so Ferry did not connect.`,
        ),
      );
    }
    options.waitingForUser(true);
    let decision: TrustDecision;
    try {
      decision = await options.decideHostKey({ host, port, keyType, fingerprint });
    } finally {
      options.waitingForUser(false);
    }
    if (decision === 'trust-always') {
      await options.trustStore.pin('host-key', host, port, fingerprint);
      log.status('Host key trusted and pinned.');
      return true;
    }
    if (decision === 'trust-once') {
      log.status('Host key trusted for this connection only.');
      return true;
    }
    return refuse(new FerryError('HOST_KEY_UNKNOWN', `The host key of ${server} (${keyType} ${fingerprint}) was not trusted; Ferry did not connect.`));
  }

  /** Reports the refusal (the connector logs it and fails the connection with it). */
  function refuse(error: FerryError): false {
    options.refused(error);
    return false;
  }
}
