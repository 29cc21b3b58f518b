/**
 * The operating system's keyring, as Electron's `safeStorage` offers it. Only
 * electron/main.ts imports Electron; it passes `safeStorage` in through this
 * interface. Under plain Node (CLI, browser mode, tests) there is none.
 */
import { hasRealKeyring, type SafeStorageLike } from '../../security/secrets-backend';

/** The part of Electron's `safeStorage` Ferry uses. */
export interface Keyring extends SafeStorageLike {
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * `keyring` when it is backed by a real OS keyring, else `null`. On Linux the
 * `basic_text` backend encrypts with a fixed, public key: counted as none
 * (security checklist item 8).
 */
export function usableKeyring(keyring: Keyring | null | undefined, platform: NodeJS.Platform = process.platform): Keyring | null {
  if (!keyring) return null;
  try {
    return hasRealKeyring(keyring, platform) ? keyring : null;
  } catch {
    return null; // safeStorage throws before the app is ready; treat that as "no keyring".
  }
}

/**
 * Encrypts with the keyring. The secret's name is sealed in with it, so a blob
 * moved onto another secret's name is refused when opened (as AES-GCM's
 * authenticated data does for master-password secrets).
 */
export function keyringSeal(keyring: Keyring, plaintext: string, label: string): string {
  return keyring.encryptString(JSON.stringify({ label, secret: plaintext })).toString('base64');
}

/** Opens a {@link keyringSeal} blob; `null` when it does not decrypt or belongs to another name. */
export function keyringOpen(keyring: Keyring, blob: string, label: string): string | null {
  try {
    const value: unknown = JSON.parse(keyring.decryptString(Buffer.from(blob, 'base64')));
    if (typeof value !== 'object' || value === null) return null;
    const { label: sealedFor, secret } = value as { label?: unknown; secret?: unknown };
    return sealedFor === label && typeof secret === 'string' ? secret : null;
  } catch {
    return null;
  }
}
