/**
 * Checksum verification: compare the server's hash of a file (FTP `HASH` /
 * `XSHA256` …, when the server offers one) with the same hash of the local copy.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { VerifyResult } from '../../shared/contract/transfers';
import { FerryError } from '../../shared/errors';
import type { RemoteFs, RemoteHash } from '../protocol/remote-fs';
import { isHealable } from './retry-policy';

const NODE_ALGORITHM: Record<Exclude<RemoteHash['algorithm'], 'CRC32'>, string> = {
  'SHA-256': 'sha256',
  'SHA-1': 'sha1',
  MD5: 'md5',
};

/** The lower-case hex digest of a local file with `algorithm`. */
export async function localDigest(file: string, algorithm: RemoteHash['algorithm']): Promise<string> {
  if (algorithm === 'CRC32') {
    let value = 0;
    for await (const chunk of createReadStream(file)) value = crc32(chunk as Buffer, value);
    return (value >>> 0).toString(16).padStart(8, '0');
  }
  const hash = createHash(NODE_ALGORITHM[algorithm]);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Compares the server's hash of `remotePath` with the local file. A server that
 * cannot hash (or refuses to) makes the result `not-verifiable`; a dropped
 * connection is thrown so the transfer is retried.
 */
export async function verifyAgainstServer(connection: RemoteFs, remotePath: string, localFile: string): Promise<VerifyResult> {
  let remote: RemoteHash | null;
  try {
    remote = await connection.hash(remotePath);
  } catch (error) {
    if (isHealable(error)) throw error;
    if (error instanceof FerryError) return 'not-verifiable';
    throw error;
  }
  if (remote === null) return 'not-verifiable';
  const local = await localDigest(localFile, remote.algorithm);
  return local === remote.digest.toLowerCase() ? 'verified' : 'mismatch';
}
