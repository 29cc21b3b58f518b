/**
 * The key the transfer queue files a server's items under. It must outlive
 * the pane's session (the queue survives restarts), so it names the server,
 * not the connection: a saved site by id, a quick connection by its address.
 * Passwords are never part of it.
 */
import type { DataMode, Encryption, Protocol } from '../../shared/contract/remote';
import { FerryError } from '../../shared/errors';
import type { ConnectionSpec } from './connection-spec';

/** `site:<id>` or `quick:<protocol>:<encryption>:<user>@<host>:<port>`. */
export function transferKeyOf(spec: ConnectionSpec): string {
  if (spec.siteId !== undefined) return `site:${spec.siteId}`;
  return `quick:${spec.protocol}:${spec.encryption}:${encodeURIComponent(spec.user)}@${encodeURIComponent(spec.host)}:${spec.port}`;
}

/** What a key names. */
export type TransferKey =
  | { kind: 'site'; siteId: string }
  | { kind: 'quick'; protocol: Protocol; encryption: Encryption; user: string; host: string; port: number };

const QUICK = /^quick:(ftp|sftp):(require-explicit|explicit-if-available|implicit|plain):([^@]*)@([^:]+):(\d{1,5})$/;

/** Reads a key back; throws INVALID_INPUT for anything else. */
export function parseTransferKey(key: string): TransferKey {
  if (key.startsWith('site:') && key.length > 5) return { kind: 'site', siteId: key.slice(5) };
  const match = QUICK.exec(key);
  if (!match) throw new FerryError('INVALID_INPUT', `"${key}" does not name a server.`);
  return {
    kind: 'quick',
    protocol: match[1] as Protocol,
    encryption: match[2] as Encryption,
    user: decodeURIComponent(match[3]!),
    host: decodeURIComponent(match[4]!),
    port: Number(match[5]),
  };
}

/** A spec for a quick-connect key when no open session can lend its password: ask for one. */
export function quickSpecFromKey(key: Extract<TransferKey, { kind: 'quick' }>, dataMode: DataMode = 'default'): ConnectionSpec {
  return {
    protocol: key.protocol,
    host: key.host,
    port: key.port,
    user: key.user,
    encryption: key.encryption,
    dataMode,
    // Anonymous FTP needs no password; everyone else is asked, as after a restart.
    askPassword: key.user !== '',
    label: key.user ? `${key.user}@${key.host}` : key.host,
  };
}
