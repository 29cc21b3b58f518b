/**
 * Server-side checksums, for verifying a transfer: `HASH` (draft-bryan-ftpext-hash,
 * FEAT `HASH SHA-256;SHA-1*;MD5`, selected with `OPTS HASH`), else the older
 * `XSHA256` / `XSHA1` / `XMD5` / `XCRC`. The strongest algorithm offered wins.
 */
import type { RemoteHash } from '../remote-fs';
import { ftpCommand } from './command';
import { parseHashFeature } from './features';
import { isCompletion, replyMessage, type FtpReply } from './reply';
import { errorFromReply } from './reply-errors';
import type { FtpSession } from './session';

const X_COMMAND: Record<RemoteHash['algorithm'], string> = { 'SHA-256': 'XSHA256', 'SHA-1': 'XSHA1', MD5: 'XMD5', CRC32: 'XCRC' };
const HEX_LENGTH: Record<RemoteHash['algorithm'], number> = { 'SHA-256': 64, 'SHA-1': 40, MD5: 32, CRC32: 8 };

/** True when the server offers a checksum command Ferry knows (what {@link remoteHash} would try). */
export function offersHash(session: FtpSession): boolean {
  return session.capabilities.hashAlgorithms.length > 0;
}

/**
 * The checksum of `remotePath` computed by the server, or null when the server
 * offers no algorithm Ferry knows (or refuses the command). NOT_FOUND and other
 * refusals about the file itself are thrown. Must run inside a task.
 */
export async function remoteHash(session: FtpSession, remotePath: string): Promise<RemoteHash | null> {
  for (const algorithm of session.capabilities.hashAlgorithms) {
    const viaHash = await tryHashCommand(session, remotePath, algorithm);
    if (viaHash !== undefined) return viaHash;
    const xCommand = X_COMMAND[algorithm];
    if (!session.features.has(xCommand)) continue;
    const reply = await session.ctl.command(ftpCommand(xCommand, remotePath));
    if (isCompletion(reply)) return digestFrom(reply, algorithm, false);
    if (reply.code === 550) throw errorFromReply(reply, `compute the checksum of ${remotePath}`, 'read');
  }
  return null;
}

/** HASH with `algorithm` selected; undefined when HASH does not offer it or refuses. */
async function tryHashCommand(session: FtpSession, remotePath: string, algorithm: RemoteHash['algorithm']): Promise<RemoteHash | null | undefined> {
  const feature = session.features.get('HASH');
  if (feature === undefined) return undefined;
  const { algorithms, selected } = parseHashFeature(feature);
  if (!algorithms.includes(algorithm)) return undefined;
  if (session.hashSelected === undefined) session.hashSelected = selected;
  if (session.hashSelected !== algorithm) {
    const opts = await session.ctl.command(ftpCommand('OPTS', `HASH ${algorithm}`));
    if (!isCompletion(opts)) return undefined;
    session.hashSelected = algorithm;
  }
  const reply = await session.ctl.command(ftpCommand('HASH', remotePath));
  if (isCompletion(reply)) return digestFrom(reply, algorithm, true);
  if (reply.code === 550 || reply.code === 450) throw errorFromReply(reply, `compute the checksum of ${remotePath}`, 'read');
  return undefined;
}

/**
 * The digest in a reply: `213 SHA-256 0-49 169cd2… name` for HASH, `213 169cd2…`
 * (sometimes with the name before or after) for the X commands. Null when no
 * token of the right shape is there.
 */
export function digestFrom(reply: FtpReply, algorithm: RemoteHash['algorithm'], hashReply: boolean): RemoteHash | null {
  const tokens = replyMessage(reply).split(/\s+/);
  // HASH: algorithm, range, digest, name…; the digest is the third token.
  const candidates = hashReply ? tokens.slice(2, 3) : tokens;
  const length = HEX_LENGTH[algorithm];
  const hexTokens = candidates.map((token) => token.replace(/^0x/i, '')).filter((token) => /^[0-9a-f]+$/i.test(token));
  const exact = hexTokens.find((hex) => hex.length === length);
  if (exact) return { algorithm, digest: exact.toLowerCase() };
  // XCRC replies may drop leading zeros; trust that only when there is no other candidate.
  if (algorithm === 'CRC32' && hexTokens.length === 1 && (hexTokens[0] as string).length < length) {
    return { algorithm, digest: (hexTokens[0] as string).toLowerCase().padStart(length, '0') };
  }
  return null;
}
