/**
 * A test double for Electron's `safeStorage`: real AES-256-GCM with a random
 * key that lives as long as the object, and a configurable backend name, so
 * tests can play "a real keyring", "basic_text on Linux" or "no keyring".
 * Never used outside tests.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../secrets/keyring';

/** Creates a keyring double reporting `backend` (e.g. `gnome_libsecret`, `basic_text`). */
export function fakeKeyring(backend = 'gnome_libsecret', key: Buffer = randomBytes(32)): Keyring & { key: Buffer } {
  return {
    key,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
