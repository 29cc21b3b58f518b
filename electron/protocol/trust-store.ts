/**
 * Where pinned certificates and host keys live. The engines only read and pin
 * through this interface; the sites issue stores it on disk.
 */

/** What is pinned: an FTPS certificate or an SSH host key. */
export type TrustKind = 'certificate' | 'host-key';

/** What the trust list shows beside a pinned fingerprint. */
export interface TrustDetails {
  /** A certificate's subject. */
  subject?: string;
  /** A host key's type, e.g. `ssh-ed25519`. */
  keyType?: string;
}

/** Pinned fingerprints per `host:port`. */
export interface TrustStore {
  /** The fingerprints pinned for `host:port` (empty when none). */
  pinned(kind: TrustKind, host: string, port: number): Promise<string[]>;
  /** Pin `fingerprint` for `host:port`, replacing nothing else. `details` are shown in the trust list. */
  pin(kind: TrustKind, host: string, port: number, fingerprint: string, details?: TrustDetails): Promise<void>;
}

/** A trust store that lives in memory, for tests, one-shot CLI runs and "trust once". */
export class MemoryTrustStore implements TrustStore {
  private readonly entries = new Map<string, Set<string>>();

  async pinned(kind: TrustKind, host: string, port: number): Promise<string[]> {
    return [...(this.entries.get(key(kind, host, port)) ?? [])];
  }

  async pin(kind: TrustKind, host: string, port: number, fingerprint: string): Promise<void> {
    const k = key(kind, host, port);
    const set = this.entries.get(k) ?? new Set<string>();
    set.add(fingerprint);
    this.entries.set(k, set);
  }
}

function key(kind: TrustKind, host: string, port: number): string {
  return `${kind} ${host.toLowerCase()}:${port}`;
}
