/**
 * secrets.json: saved passwords and key passphrases, each encrypted on its own,
 * kept apart from sites.json so that the site list can be read, backed up or
 * shared without touching a secret.
 */
import path from 'node:path';
import * as z from 'zod';
import type { JsonFileSpec } from '../storage/json-store';

const Base64 = z.string().max(1_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** A value sealed with the master key (AES-256-GCM). */
export const SealedSecret = z.object({ iv: Base64, tag: Base64, data: Base64 }).strict();

/** A value encrypted by the OS keyring (Electron `safeStorage`). */
export const KeyringSecret = z.object({ keyring: Base64 }).strict();

/** Everything needed to check a master password and derive its key: never the password or key itself. */
export const MasterPasswordRecord = z
  .object({
    kdf: z.literal('scrypt'),
    salt: Base64,
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    /** A known text sealed with the key: it opens only with the right password. */
    verifier: SealedSecret,
  })
  .strict();
export type MasterPasswordRecord = z.infer<typeof MasterPasswordRecord>;

/** The document, format 1. With a master password every entry is sealed; without, every entry is a keyring blob. */
export const SecretsDocument = z
  .object({
    version: z.literal(1),
    master: MasterPasswordRecord.nullable(),
    entries: z.record(z.string().max(200), z.union([SealedSecret, KeyringSecret])),
  })
  .strict();
export type SecretsDocument = z.infer<typeof SecretsDocument>;

/** The file spec of `DATA_DIR/secrets.json`. */
export function secretsFileSpec(dataDir: string): JsonFileSpec<SecretsDocument> {
  return {
    file: path.join(dataDir, 'secrets.json'),
    label: 'saved passwords',
    version: 1,
    schema: SecretsDocument,
    empty: () => ({ version: 1, master: null, entries: {} }),
  };
}
