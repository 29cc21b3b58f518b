/**
 * Pinned FTPS certificates and SSH host keys, per host:port, in trust.json.
 * The FTP and SFTP engines read and pin through the {@link TrustStore}
 * interface; the settings screen lists and removes entries.
 */
import path from 'node:path';
import * as z from 'zod';
import { TrustEntry, type StorageProblem } from '../../../shared/contract/sites';
import type { TrustDetails, TrustKind, TrustStore } from '../../protocol/trust-store';
import { JsonStore, type JsonFileSpec } from '../storage/json-store';

const TrustDocument = z.object({ version: z.literal(1), entries: z.array(TrustEntry) }).strict();
type TrustDocument = z.infer<typeof TrustDocument>;

function trustFileSpec(dataDir: string): JsonFileSpec<TrustDocument> {
  return {
    file: path.join(dataDir, 'trust.json'),
    label: 'trusted certificates and host keys',
    version: 1,
    schema: TrustDocument,
    empty: () => ({ version: 1, entries: [] }),
  };
}

/**
 * Hosts compare without case, and an IPv6 address with or without brackets is
 * the same host: otherwise a pin could be dodged by writing the host another way.
 */
export function normalizeHost(host: string): string {
  return host.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** Fingerprints compare without case for certificates (`AB:CD…`); SSH's base64 is case-sensitive. */
function sameFingerprint(kind: TrustKind, a: string, b: string): boolean {
  return kind === 'certificate' ? a.toUpperCase() === b.toUpperCase() : a === b;
}

/** What {@link FileTrustStore.remove} matches. */
export interface TrustSelector {
  kind: TrustKind;
  host: string;
  port: number;
  /** One fingerprint; all of this host:port when omitted. */
  fingerprint?: string;
}

/** The trust store on disk. */
export class FileTrustStore implements TrustStore {
  private constructor(private readonly store: JsonStore<TrustDocument>) {}

  /** Opens `DATA_DIR/trust.json`. */
  static async open(dataDir: string): Promise<FileTrustStore> {
    return new FileTrustStore(await JsonStore.open(trustFileSpec(dataDir)));
  }

  /** Set when trust.json was unreadable at start-up and was kept aside. */
  get problem(): StorageProblem | null {
    return this.store.problem;
  }

  /** The fingerprints pinned for `host:port` (the host compared as {@link normalizeHost} does). */
  async pinned(kind: TrustKind, host: string, port: number): Promise<string[]> {
    return this.matching({ kind, host, port }).map((entry) => entry.fingerprint);
  }

  /** Pins `fingerprint` for `host:port` with the date and `details`; pinning it again changes nothing. */
  async pin(kind: TrustKind, host: string, port: number, fingerprint: string, details?: TrustDetails): Promise<void> {
    if (this.matching({ kind, host, port, fingerprint }).length > 0) return;
    await this.store.update((draft) => {
      if (draft.entries.some((entry) => matches(entry, { kind, host, port, fingerprint }))) return; // pinned meanwhile
      draft.entries.push({
        kind,
        host: normalizeHost(host),
        port,
        fingerprint,
        added: Date.now(),
        subject: details?.subject ?? null,
        keyType: details?.keyType ?? null,
      });
    });
  }

  /** Every pinned entry, sorted by host, port, then kind. */
  list(): TrustEntry[] {
    return [...this.store.data.entries].sort(
      (a, b) => a.host.localeCompare(b.host) || a.port - b.port || a.kind.localeCompare(b.kind) || a.added - b.added,
    );
  }

  /** Removes the matching entries; returns how many. */
  async remove(selector: TrustSelector): Promise<number> {
    if (this.matching(selector).length === 0) return 0;
    return this.store.update((draft) => {
      const before = draft.entries.length;
      draft.entries = draft.entries.filter((entry) => !matches(entry, selector));
      return before - draft.entries.length;
    });
  }

  private matching(selector: TrustSelector): TrustEntry[] {
    return this.store.data.entries.filter((entry) => matches(entry, selector));
  }
}

function matches(entry: TrustEntry, selector: TrustSelector): boolean {
  return (
    entry.kind === selector.kind &&
    entry.host === normalizeHost(selector.host) &&
    entry.port === selector.port &&
    (selector.fingerprint === undefined || sameFingerprint(entry.kind, entry.fingerprint, selector.fingerprint))
  );
}
