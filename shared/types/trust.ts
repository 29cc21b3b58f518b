/** What the user sees when Ferry asks whether to trust a server. */
import * as z from 'zod';

/** The user's answer to a trust question. */
export const TrustDecision = z.enum(['reject', 'trust-once', 'trust-always']);
export type TrustDecision = z.infer<typeof TrustDecision>;

/** An FTPS server's certificate that did not verify (or is not the pinned one). */
export const CertificateQuestion = z.object({
  host: z.string(),
  port: z.number(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** `AB:CD:…` SHA-256 fingerprint of the DER certificate. */
  fingerprint256: z.string(),
  /** Why it did not verify, e.g. "self-signed certificate". */
  reason: z.string(),
});
export type CertificateQuestion = z.infer<typeof CertificateQuestion>;

/** An SSH server's host key that is not known yet. (A changed key is refused, never asked.) */
export const HostKeyQuestion = z.object({
  host: z.string(),
  port: z.number(),
  keyType: z.string(),
  /** `SHA256:base64` as OpenSSH prints it. */
  fingerprint: z.string(),
});
export type HostKeyQuestion = z.infer<typeof HostKeyQuestion>;
