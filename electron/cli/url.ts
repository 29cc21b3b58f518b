/**
 * What the `ferry` command line accepts as a server address:
 *
 *   ftp://[user[:password]@]host[:port]/path    FTP, TLS if the server offers it (warns when not)
 *   ftpes://…                                   FTP, explicit TLS required
 *   ftps://…                                    FTP, implicit TLS (port 990)
 *   sftp://…                                    SFTP (port 22)
 *   site:Folder/Name/path                       a saved site (see `ferry sites`)
 */
import type { Encryption, Protocol } from '../../shared/contract/remote';
import { FerryError } from '../../shared/errors';
import { normalizeRemote } from '../../shared/paths/remote-path';
import { defaultPort } from '../remote/connection-spec';

/** A parsed server URL. */
export interface ServerUrl {
  kind: 'url';
  protocol: Protocol;
  encryption: Encryption;
  host: string;
  port: number;
  user?: string;
  password?: string;
  /** Absolute remote path; `/` when the URL had none. */
  path: string;
  /** True when the URL ended with `/` (the user means a folder). */
  trailingSlash: boolean;
}

/** A reference to a saved site: `site:Folder/Site/path`, resolved against the site tree. */
export interface SiteRef {
  kind: 'site';
  /** The text after `site:`. */
  reference: string;
}

const SCHEMES: Record<string, { protocol: Protocol; encryption: Encryption }> = {
  'ftp:': { protocol: 'ftp', encryption: 'explicit-if-available' },
  'ftpes:': { protocol: 'ftp', encryption: 'require-explicit' },
  'ftps:': { protocol: 'ftp', encryption: 'implicit' },
  'sftp:': { protocol: 'sftp', encryption: 'require-explicit' },
};

/** True when `text` looks like a server address rather than a local path. */
export function isServerAddress(text: string): boolean {
  return /^(ftp|ftpes|ftps|sftp):\/\//i.test(text) || text.startsWith('site:');
}

/** Parses a server address; throws INVALID_INPUT with a sentence when it is not one. */
export function parseServerAddress(text: string): ServerUrl | SiteRef {
  if (text.startsWith('site:')) return parseSiteRef(text.slice(5));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FerryError('INVALID_INPUT', `"${text}" is not a server address. Try ftp://user@host/path or sftp://user@host/path.`);
  }
  const scheme = SCHEMES[url.protocol.toLowerCase()];
  if (!scheme) {
    throw new FerryError('INVALID_INPUT', `Ferry does not speak ${url.protocol.replace(':', '')}://. Use ftp, ftpes, ftps or sftp.`);
  }
  if (!url.hostname) throw new FerryError('INVALID_INPUT', `"${text}" has no host name.`);
  const port = url.port ? Number(url.port) : defaultPort(scheme.protocol, scheme.encryption);
  const rawPath = decodePath(url.pathname);
  return {
    kind: 'url',
    ...scheme,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    path: normalizeRemote(rawPath || '/'),
    trailingSlash: rawPath === '' || rawPath.endsWith('/'),
  };
}

function parseSiteRef(reference: string): SiteRef {
  if (!reference.trim()) throw new FerryError('INVALID_INPUT', 'Name the site: site:NAME/path.');
  return { kind: 'site', reference };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new FerryError('INVALID_INPUT', `The path "${path}" has a broken %-escape.`);
  }
}
