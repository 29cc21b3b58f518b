/**
 * The cryptography behind a master password: scrypt turns the password into a
 * 256-bit key, and each secret is sealed on its own with AES-256-GCM.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/** How a key was derived from the master password; stored beside the secrets. */
export interface KdfParams {
  /** Base64, 16 random bytes, new for every master password. */
  salt: string;
  /** scrypt cost (a power of two), block size and parallelism. */
  N: number;
  r: number;
  p: number;
}

/** One sealed value: base64 IV, authentication tag and ciphertext. */
export interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

/**
 * scrypt with N = 2^15, r = 8: about 32 MiB and a tenth of a second per guess,
 * the cost OWASP recommends for interactive logins, so that a stolen
 * secrets.json is slow to attack offline.
 */
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
/** A 96-bit IV is GCM's native size; a fresh random one per seal, never reused with a key. */
const IV_BYTES = 12;

/** Fresh parameters (new random salt) for a new master password. */
export function newKdfParams(): KdfParams {
  return { salt: randomBytes(16).toString('base64'), ...DEFAULT_COST };
}

/** Derives the 256-bit key for `password`. The password is NFC-normalised so "é" typed either way unlocks. */
export function deriveKey(password: string, params: KdfParams): Promise<Buffer> {
  const salt = Buffer.from(params.salt, 'base64');
  // scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default limit.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Encrypts `plaintext` under `key`. `label` (the secret's name) is bound in as
 * additional authenticated data, so a sealed value copied onto another
 * secret's name fails to open instead of leaking to the wrong server.
 */
export function seal(key: Buffer, plaintext: string, label: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Decrypts a value {@link seal} made with the same key and label; `null` for a wrong key or tampered data. */
export function open(key: Buffer, sealed: Sealed, label: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** The label of the verifier: a known text sealed with the key, which opens only with the right password. */
export const VERIFIER_LABEL = 'ferry:master-password-verifier';
/** The text the verifier holds. */
export const VERIFIER_TEXT = 'Ferry master password';
