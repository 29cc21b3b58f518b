/**
 * Everything needed to open one connection, whichever way the user asked for
 * it (quick connect, saved site, CLI URL). Lives only in the main process: it
 * may hold a password.
 */
import type { DataMode, Encryption, Protocol } from '../../shared/contract/remote';

/** How to reach and log in to one server. */
export interface ConnectionSpec {
  protocol: Protocol;
  host: string;
  port: number;
  /** Empty for anonymous FTP. */
  user: string;
  password?: string;
  /** FTP `ACCT`. */
  account?: string;
  /** FTP only. */
  encryption: Encryption;
  dataMode: DataMode;
  charset?: string;
  serverTimeOffsetMinutes?: number;
  /** SFTP private key file. */
  keyFile?: string;
  passphrase?: string;
  /** Ask the user for the password at connect time (site says "ask" or nothing is stored). */
  askPassword?: boolean;
  /** Answer SSH keyboard-interactive prompts through the user. */
  interactive?: boolean;
  /** Pins accepted for this run only (CLI `--trust SHA256:…`). */
  trustedFingerprints?: string[];
  /** The saved site this came from. */
  siteId?: string;
  /** How the user calls this connection: the site's name or `user@host`. */
  label: string;
}

/** The usual port of each protocol. */
export function defaultPort(protocol: Protocol, encryption: Encryption): number {
  if (protocol === 'sftp') return 22;
  return encryption === 'implicit' ? 990 : 21;
}
