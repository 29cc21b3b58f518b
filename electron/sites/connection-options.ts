/**
 * Everything an engine needs to connect to a saved site, decrypted password
 * included. Main process only: this never goes through the API.
 */
import type { Bookmark, Encryption, LogonType, Protocol, TransferMode } from '../../shared/contract/sites';
import { FerryError } from '../../shared/errors';
import type { SecretVault } from './secrets/vault';
import { effectivePort, type StoredSite } from './sites-file';
import { passwordNotice, secretName } from './site-view';

/** How to connect to a site, as the FTP/SFTP engines and the CLI use it. */
export interface SiteConnectionOptions {
  siteId: string;
  siteName: string;
  /** `Folder/Site`, for the log and prompts. */
  sitePath: string;
  protocol: Protocol;
  /** FTP only. */
  encryption: Encryption;
  /** As typed; an IPv6 address may be in brackets. */
  host: string;
  port: number;
  logonType: LogonType;
  /** `anonymous` for anonymous logon. */
  user: string;
  /** The saved password (`anonymous@` for anonymous logon), or `null`. */
  password: string | null;
  /** FTP `ACCT`, empty for none. */
  account: string;
  /** SFTP private key file, empty for none. */
  keyFile: string;
  /** The saved key passphrase, or `null` (the engine asks when the key needs one). */
  keyPassphrase: string | null;
  transferMode: TransferMode;
  /** 0: the global setting. */
  connectionLimit: number;
  /** `auto` or an encoding name iconv-lite knows. */
  charset: string;
  timeOffsetMinutes: number;
  localFolder: string;
  remoteFolder: string;
  bookmarks: Bookmark[];
  syncBrowsing: boolean;
  uploadToTemporaryName: boolean;
}

/**
 * The answer to "can I connect to this site now?": ready, or the password must
 * be asked (with the sentence saying why). A locked vault is an error
 * (`LOCKED`) instead: the user should unlock, not retype a saved password.
 */
export type ConnectionPlan =
  | { ready: true; options: SiteConnectionOptions }
  | { ready: false; needs: 'password'; reason: string; options: SiteConnectionOptions };

/** Builds the {@link ConnectionPlan} of `site`. */
export async function planConnection(site: StoredSite, sitePath: string, vault: SecretVault): Promise<ConnectionPlan> {
  if (site.host.trim() === '') {
    throw new FerryError('INVALID_INPUT', `The site "${site.name}" has no host. Enter one in the site manager.`);
  }
  const options: SiteConnectionOptions = {
    siteId: site.id,
    siteName: site.name,
    sitePath,
    protocol: site.protocol,
    encryption: site.encryption,
    host: site.host,
    port: effectivePort(site),
    logonType: site.logonType,
    user: site.user,
    password: null,
    account: site.protocol === 'ftp' ? site.account : '',
    keyFile: site.logonType === 'key' ? site.keyFile : '',
    keyPassphrase: null,
    transferMode: site.transferMode,
    connectionLimit: site.connectionLimit,
    charset: site.charset,
    timeOffsetMinutes: site.timeOffsetMinutes,
    localFolder: site.localFolder,
    remoteFolder: site.remoteFolder,
    bookmarks: site.bookmarks.map((b) => ({ ...b })),
    syncBrowsing: site.syncBrowsing,
    uploadToTemporaryName: site.uploadToTemporaryName,
  };
  switch (site.logonType) {
    case 'anonymous':
      return { ready: true, options: { ...options, user: 'anonymous', password: 'anonymous@' } };
    case 'ask':
      return { ready: false, needs: 'password', reason: 'This site asks for the password when connecting.', options };
    case 'interactive':
      return { ready: true, options }; // The server's prompts are answered by the user as they come.
    case 'key': {
      // `get` throws LOCKED when a passphrase is saved but locked away.
      const keyPassphrase = await vault.get(secretName(site.id, 'key-passphrase'));
      return { ready: true, options: { ...options, keyPassphrase } };
    }
    case 'normal': {
      const name = secretName(site.id, 'password');
      const password = await vault.get(name);
      if (password !== null) return { ready: true, options: { ...options, password } };
      const reason = passwordNotice(site, vault.has(name), vault) ?? 'No password is saved for this site.';
      return { ready: false, needs: 'password', reason, options };
    }
  }
}
