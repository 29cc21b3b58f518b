/**
 * What a host key looks like to a person: its type and its SHA-256 fingerprint, printed
 * exactly as OpenSSH prints them, so a user can compare with `ssh-keygen -lf`.
 */
import { createHash } from 'node:crypto';

/**
 * `SHA256:` + base64 (no `=` padding) of the SHA-256 of the key blob (the SSH wire form
 * of the public key), like `ssh-keygen -l -E sha256`.
 */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/**
 * The key type named inside a key blob (its first SSH string), e.g. `ssh-ed25519`;
 * `unknown` when the blob is too short to hold one.
 */
export function hostKeyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > keyBlob.length) return 'unknown';
  return keyBlob.toString('latin1', 4, 4 + length);
}
