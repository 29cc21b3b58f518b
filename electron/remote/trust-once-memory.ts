/**
 * "Trust once" means for this run of Ferry (or of one `ferry` command), not for
 * one socket: the transfer queue opens several connections to the same server
 * and must not ask the same question for each. This remembers those answers in
 * memory only; "always trust" is what pins to disk.
 */
import type { TrustDecision } from '../../shared/types/trust';
import type { Asker } from './asker';
import type { ConnectionSpec } from './connection-spec';

/** Fingerprints trusted once during this run. */
export class TrustOnceMemory {
  private readonly fingerprints = new Set<string>();

  /** `spec` with this run's trusted fingerprints added. */
  apply(spec: ConnectionSpec): ConnectionSpec {
    return { ...spec, trustedFingerprints: [...(spec.trustedFingerprints ?? []), ...this.fingerprints] };
  }

  /** `asker`, remembering each "trust once" answer. */
  wrap(asker: Asker): Asker {
    const remember = (fingerprint: string, decision: TrustDecision): TrustDecision => {
      if (decision === 'trust-once') this.fingerprints.add(fingerprint);
      return decision;
    };
    return {
      ...asker,
      certificate: async (question) => remember(question.fingerprint256, await asker.certificate(question)),
      hostKey: async (question) => remember(question.fingerprint, await asker.hostKey(question)),
    };
  }
}
