/** The address of a remote entry, for "Copy URL": `ftp://user@host:port/path`. */

/** The session facts a URL needs. */
export interface UrlTarget {
  protocol: 'ftp' | 'sftp';
  host: string;
  port: number;
  user: string;
}

const DEFAULT_PORT = { ftp: 21, sftp: 22 } as const;

/**
 * `sftp://anna@example.com:2222/var/www/a%20b.html`. The user and every path
 * segment are percent-encoded, an IPv6 host is bracketed, the default port is
 * left out. The password never appears.
 */
export function remoteUrl(target: UrlTarget, path: string): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const user = target.user && target.user !== 'anonymous' ? `${encodeURIComponent(target.user)}@` : '';
  const port = target.port === DEFAULT_PORT[target.protocol] ? '' : `:${target.port}`;
  const encodedPath = path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return `${target.protocol}://${user}${host}${port}${encodedPath.startsWith('/') ? encodedPath : `/${encodedPath}`}`;
}
