/**
 * Is this server's host key the one we know? Decided from Ferry's trust store (keys the
 * user pinned) and, read-only, OpenSSH's known_hosts. Runs during the key exchange, before
 * any credential is sent: authenticating to an impostor would hand it the password.
 */
import type { TrustStore } from '../trust-store';
import { hostKeyFingerprint, hostKeyType } from './host-key-fingerprint';
import { lookUpKnownHost, type KnownHostsFile } from './known-hosts';

/** Where a verdict came from, for the log and messages. */
export type HostKeySource = 'trust-store' | 'known-hosts';

/** The verdict on a presented host key. */
export type HostKeyVerdict =
  /** Pinned in the trust store or recorded in known_hosts: connect. */
  | { kind: 'known'; source: HostKeySource }
  /** Nothing recorded for this host: the user must decide. */
  | { kind: 'unknown' }
  /** Something else is recorded: refuse, never ask (this is what a man-in-the-middle looks like). */
  | { kind: 'changed'; source: HostKeySource; expected: string[] }
  /** known_hosts marks this very key `@revoked`: refuse. */
  | { kind: 'revoked'; line: number };

/** What a presented key is checked against. */
export interface HostKeyCheck {
  host: string;
  port: number;
  /** The key blob the server presented. */
  key: Buffer;
  trustStore: TrustStore;
  /** Parsed known_hosts, or null when its use is off. */
  knownHosts: KnownHostsFile | null;
}

/**
 * Checks a presented host key. Order matters for safety: a revocation wins over
 * everything; a pin in the trust store is the user's own decision and a different pinned
 * key means "changed" even if known_hosts happens to list the new one.
 */
export async function checkHostKey(check: HostKeyCheck): Promise<HostKeyVerdict> {
  const { host, port, key } = check;
  const known = check.knownHosts ? lookUpKnownHost(check.knownHosts, host, port) : { keys: [], revoked: [] };
  const revoked = known.revoked.find((entry) => entry.key.equals(key));
  if (revoked) return { kind: 'revoked', line: revoked.line };

  const fingerprint = hostKeyFingerprint(key);
  const pinned = await check.trustStore.pinned('host-key', host, port);
  if (pinned.includes(fingerprint)) return { kind: 'known', source: 'trust-store' };
  if (pinned.length > 0) return { kind: 'changed', source: 'trust-store', expected: pinned };

  if (known.keys.some((entry) => entry.key.equals(key))) return { kind: 'known', source: 'known-hosts' };
  // Like OpenSSH, only a different key OF THE SAME TYPE counts as changed: a host may hold
  // several key types and known_hosts may list only one (the connection prefers the
  // recorded types, see preferredHostKeyTypes).
  const type = hostKeyType(key);
  const sameType = known.keys.filter((entry) => entry.keyType === type);
  if (sameType.length > 0) {
    return {
      kind: 'changed',
      source: 'known-hosts',
      expected: sameType.map((entry) => `${hostKeyFingerprint(entry.key)} (known_hosts line ${entry.line})`),
    };
  }
  return { kind: 'unknown' };
}

/**
 * The host key types known_hosts records for host:port, to be offered first in the key
 * exchange (as OpenSSH does). Otherwise a server with several keys could show one we have
 * never seen and the user would be asked about a host they already trust.
 */
export function preferredHostKeyTypes(knownHosts: KnownHostsFile | null, host: string, port: number): string[] {
  if (!knownHosts) return [];
  const types = lookUpKnownHost(knownHosts, host, port).keys.map((entry) => entry.keyType);
  return [...new Set(types)];
}
