/**
 * Loads the user's private key for SSH public-key login: OpenSSH, PEM (PKCS#1 / SEC1,
 * encrypted or not) and PuTTY .ppk version 2 RSA/DSA keys through ssh2's parser; PKCS#8
 * PEM through Node's crypto. An encrypted key takes the passphrase from the options or asks the user.
 */
import { createPrivateKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { utils, type ParsedKey } from 'ssh2';
import { FerryError } from '../../../shared/errors';

/** Where the key comes from: a file, or its text (e.g. pasted in the site dialog). */
export type PrivateKeySource = { path: string } | { data: string };

/** What {@link loadPrivateKey} needs. */
export interface LoadPrivateKeyOptions {
  source: PrivateKeySource;
  /** The passphrase the site stores, if any. */
  passphrase?: string;
  /** Asked when the key is encrypted and no (right) passphrase is known; `null` = the user cancelled. */
  askPassphrase?: (keyPath: string) => Promise<string | null>;
}

/** How many times the user is asked before a wrong passphrase fails the login (OpenSSH asks 3 times). */
const PASSPHRASE_ATTEMPTS = 3;

type ParseResult = ParsedKey | 'needs-passphrase' | 'wrong-passphrase' | FerryError;

/** The parsed private key, or a `FerryError` saying clearly what is wrong with it. */
export async function loadPrivateKey(options: LoadPrivateKeyOptions): Promise<ParsedKey> {
  const label = 'path' in options.source ? options.source.path : 'the pasted key';
  const text = await readKeyText(options.source);

  let passphrase = options.passphrase;
  let asked = 0;
  for (;;) {
    const result = parsePrivateKey(text, label, passphrase);
    if (typeof result !== 'string') {
      if (result instanceof FerryError) throw result;
      return result;
    }
    if (!options.askPassphrase || asked >= PASSPHRASE_ATTEMPTS) {
      if (result === 'needs-passphrase') {
        throw new FerryError('AUTH_FAILED', `The key ${label} is encrypted and no passphrase was given.`);
      }
      throw new FerryError('AUTH_FAILED', `The passphrase for the key ${label} is wrong.`);
    }
    asked++;
    const answer = await options.askPassphrase(label);
    if (answer === null) {
      throw new FerryError('CANCELLED', `Login cancelled: no passphrase was entered for the key ${label}.`);
    }
    passphrase = answer;
  }
}

async function readKeyText(source: PrivateKeySource): Promise<string> {
  if ('data' in source) return source.data;
  try {
    return await fs.readFile(source.path, 'utf8');
  } catch (error) {
    throw new FerryError('INVALID_INPUT', `Cannot read the key file ${source.path}.`, (error as Error).message);
  }
}

/** One parse attempt with one passphrase (or none). */
function parsePrivateKey(text: string, label: string, passphrase: string | undefined): ParseResult {
  if (/-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(text)) return parsePkcs8(text, label, passphrase);
  const putty = /^PuTTY-User-Key-File-(\d+): (\S+)/m.exec(text);
  // ssh2 reads only PPK version 2 RSA and DSA keys; say so instead of "unsupported format".
  if (putty && (putty[1] !== '2' || !['ssh-rsa', 'ssh-dss'].includes(putty[2] ?? ''))) {
    return new FerryError(
      'UNSUPPORTED',
      `The key ${label} is a PuTTY key (format ${putty[1]}, ${putty[2]}) that Ferry cannot read yet.`,
      'Export it from PuTTYgen with Conversions > Export OpenSSH key, and choose that file.',
    );
  }
  const parsed = utils.parseKey(text, passphrase === '' ? undefined : passphrase);
  if (parsed instanceof Error) {
    if (/no passphrase given/i.test(parsed.message)) return 'needs-passphrase';
    if (/bad passphrase/i.test(parsed.message)) return 'wrong-passphrase';
    return new FerryError('INVALID_INPUT', `The key ${label} cannot be read: ${parsed.message}.`);
  }
  // An OpenSSH file may hold several keys; ssh2 (and OpenSSH) use the first.
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (!key) return new FerryError('INVALID_INPUT', `The key file ${label} holds no key.`);
  if (!key.isPrivateKey()) {
    return new FerryError(
      'INVALID_INPUT',
      `${label} is a public key. Choose the private key (usually the same name without .pub).`,
    );
  }
  return key;
}

/**
 * PKCS#8 (`BEGIN PRIVATE KEY` / `BEGIN ENCRYPTED PRIVATE KEY`, e.g. `ssh-keygen -m PKCS8`):
 * ssh2 does not read it, so OpenSSL decrypts it and re-exports RSA as PKCS#1 and EC as
 * SEC1, which ssh2 does read. The decrypted PEM stays in memory only.
 */
function parsePkcs8(text: string, label: string, passphrase: string | undefined): ParseResult {
  const encrypted = text.includes('BEGIN ENCRYPTED PRIVATE KEY');
  if (encrypted && !passphrase) return 'needs-passphrase';
  let pem: string;
  try {
    const key = createPrivateKey({ key: text, format: 'pem', ...(encrypted ? { passphrase } : {}) });
    const type = key.asymmetricKeyType;
    if (type !== 'rsa' && type !== 'ec') {
      return new FerryError(
        'UNSUPPORTED',
        `The key ${label} is a PKCS#8 ${type ?? 'unknown'} key, which Ferry cannot use.`,
        'Convert it to the OpenSSH format with: ssh-keygen -p -f KEYFILE',
      );
    }
    pem = key.export({ type: type === 'rsa' ? 'pkcs1' : 'sec1', format: 'pem' }).toString();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (encrypted && /BAD_DECRYPT|bad decrypt/i.test(code + (error as Error).message)) return 'wrong-passphrase';
    return new FerryError('INVALID_INPUT', `The key ${label} cannot be read.`, (error as Error).message);
  }
  const parsed = utils.parseKey(pem);
  if (parsed instanceof Error) {
    return new FerryError('INVALID_INPUT', `The key ${label} cannot be read: ${parsed.message}.`);
  }
  return Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
}
