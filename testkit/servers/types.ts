/**
 * The shapes the test servers hand back. Integration tests, Playwright fixtures and the
 * benchmark all connect with these values, so they describe a server that is already
 * accepting logins when the start function resolves.
 */

/** A self-signed certificate written to disk, for FTPS servers and for tests that pin it. */
export interface TestCertificate {
  /** PEM text of the (unencrypted) private key. */
  keyPem: string;
  /** PEM text of the certificate. */
  certPem: string;
  /** Absolute path of the key file. */
  keyPath: string;
  /** Absolute path of the certificate file. */
  certPath: string;
  /** SHA-256 fingerprint as Node's `X509Certificate.fingerprint256` prints it ('AB:CD:…'). */
  fingerprint256: string;
}

/** A running FTP server (vsftpd or pyftpdlib) with one user who can log in. */
export interface FtpServerHandle {
  /** Loopback address the server listens on ('::1' only for `startVsftpd({ ipv6: true })`). */
  host: '127.0.0.1' | '::1';
  /** Control port (the implicit-TLS port when vsftpd runs with `tls: 'implicit'`). */
  port: number;
  /** User name that logs in. */
  user: string;
  /** That user's password. */
  password: string;
  /** Absolute local path of the user's FTP root: a fresh temp dir the user owns and can write. */
  root: string;
  /** The same folder as the server shows it ('/' for chrooted vsftpd). */
  remoteRoot: string;
  /** The certificate the server presents, when TLS is on. */
  certificate?: TestCertificate;
  /** The server's log file, for debugging a failing test. */
  logFile?: string;
  /** Kills the server and removes its temp dirs. Safe to call more than once. */
  stop(): Promise<void>;
}

/** A running OpenSSH sshd serving SFTP, with keys and a password for one user. */
export interface SshServerHandle {
  /** Loopback address the server listens on. */
  host: '127.0.0.1';
  /** The SSH port. */
  port: number;
  /** User name that logs in (a real system user). */
  user: string;
  /** That user's password. */
  password: string;
  /** Absolute path of a fresh temp dir the user owns, for the test's files (SFTP paths are absolute). */
  root: string;
  /** 'SHA256:base64' as `ssh-keygen -lf` prints it, of the host key the server uses. */
  hostKeyFingerprint: string;
  /** The host key's algorithm name, e.g. 'ssh-ed25519'. */
  hostKeyType: string;
  /** An unencrypted ed25519 private key authorised for the user. */
  clientKeyPath: string;
  /** An ed25519 private key in OpenSSH format, encrypted with {@link clientKeyPassphrase}, authorised. */
  encryptedClientKeyPath: string;
  /** Passphrase of {@link encryptedClientKeyPath}. */
  clientKeyPassphrase: string;
  /** An unencrypted RSA private key in PEM format (`ssh-keygen -m PEM`), authorised. */
  rsaPemKeyPath: string;
  /** Kills the server and removes its temp dirs. Safe to call more than once. */
  stop(): Promise<void>;
}
