/**
 * A real vsftpd 3.0.3 on loopback, one instance per call, configured from scratch (the
 * system /etc/vsftpd.conf is never read). Needs root: vsftpd insists on it and chroots
 * the user into a fresh temp folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FtpServerHandle, TestCertificate } from './types';
import { writeSelfSignedCertificate } from './certificate';
import { freePort, waitForBanner } from './ports';
import { onceAsync, startServerProcess, type ServerProcess } from './server-process';
import { makeOwnedDir, makeStateDir, removeDir } from './temp-dirs';
import { testUserIds, ensureTestUser } from './test-user';

/** Options for {@link startVsftpd}. */
export interface VsftpdOptions {
  /**
   * 'explicit': AUTH TLS required for logins and data (force_local_logins_ssl +
   * force_local_data_ssl); 'implicit': TLS from the first byte (implicit_ssl). Default 'none'.
   */
  tls?: 'none' | 'explicit' | 'implicit';
  /** Data connections must resume the control connection's TLS session. Default true with TLS. */
  requireSslReuse?: boolean;
  /** Certificate to present; default a fresh self-signed one for 127.0.0.1. */
  certificate?: TestCertificate;
  /** Also allow anonymous login (read-only) into a separate folder, `handle.anonRoot`. */
  anonymous?: boolean;
  /** Listen on ::1 instead of 127.0.0.1. */
  ipv6?: boolean;
  /** Listen on this port instead of a free one (to restart "the same" server, e.g. with a new certificate). */
  port?: number;
}

/** A running vsftpd; `anonRoot` is set when anonymous login is on. */
export type VsftpdHandle = FtpServerHandle & {
  /** Absolute local path of the anonymous user's (read-only) root, when `anonymous` is on. */
  anonRoot?: string;
};

const VSFTPD = '/usr/sbin/vsftpd';
const START_ATTEMPTS = 5;

/**
 * Starts vsftpd as configured and resolves once it sends its 220 greeting. Rejects with
 * vsftpd's own words ("500 OOPS: …") when it cannot start.
 */
export async function startVsftpd(options: VsftpdOptions = {}): Promise<VsftpdHandle> {
  const tls = options.tls ?? 'none';
  const { user, password } = await ensureTestUser();
  const owner = await testUserIds();
  const stateDir = await makeStateDir('vsftpd');
  let server: ServerProcess | undefined;
  try {
    // vsftpd refuses a secure_chroot_dir that is missing or writable by the unprivileged user.
    const emptyDir = await makeOwnedDir(stateDir, 'empty', { uid: 0, gid: 0 }, 0o555);
    const root = await makeOwnedDir(stateDir, 'root', owner, 0o755);
    // Anonymous root: owned by root and not writable, so anonymous users can only read.
    const anonRoot = options.anonymous ? await makeOwnedDir(stateDir, 'anon', { uid: 0, gid: 0 }, 0o755) : undefined;
    const certificate =
      tls === 'none' ? undefined : (options.certificate ?? (await writeSelfSignedCertificate(await makeOwnedDir(stateDir, 'cert', { uid: 0, gid: 0 }, 0o700))));
    const logFile = path.join(stateDir, 'vsftpd.log');
    const host = options.ipv6 ? '::1' : '127.0.0.1';

    let lastError = '';
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      const port = options.port ?? (await freePort(host));
      const configFile = path.join(stateDir, 'vsftpd.conf');
      const config = vsftpdConfig({ ...options, tls, host, port, root, anonRoot, emptyDir, logFile, certificate });
      await fs.writeFile(configFile, config, { mode: 0o600 });
      const fd0File = path.join(stateDir, `fd0-${attempt}.txt`);
      server = startServerProcess({ name: 'vsftpd', command: VSFTPD, args: [configFile], cwd: stateDir, stdinFile: fd0File });
      const current = server;
      try {
        await waitForBanner({ host, port, banner: /^220[ -]/, tls: tls === 'implicit', failure: () => current.exitReport() });
      } catch (error) {
        await current.stop();
        lastError = (error as Error).message;
        // Another process may have taken the port between freePort() and vsftpd's bind().
        if (options.port === undefined && /bind|address already in use/i.test(lastError)) continue;
        throw new Error(`vsftpd did not start: ${lastError}${await logTail(logFile)}`);
      }
      const stop = onceAsync(async () => {
        await current.stop();
        await removeDir(stateDir);
      });
      const handle: VsftpdHandle = {
        host,
        port,
        user,
        password,
        root,
        remoteRoot: '/',
        logFile,
        stop,
      };
      if (certificate) handle.certificate = certificate;
      if (anonRoot) handle.anonRoot = anonRoot;
      return handle;
    }
    throw new Error(`vsftpd did not start after ${START_ATTEMPTS} attempts: ${lastError}`);
  } catch (error) {
    await server?.stop();
    await removeDir(stateDir);
    throw error;
  }
}

interface ConfigInput extends VsftpdOptions {
  tls: 'none' | 'explicit' | 'implicit';
  host: string;
  port: number;
  root: string;
  anonRoot: string | undefined;
  emptyDir: string;
  logFile: string;
  certificate: TestCertificate | undefined;
}

/**
 * The whole vsftpd.conf. Every option here must exist in vsftpd 3.0.3 as Debian builds it:
 * an unknown option makes vsftpd exit silently with status 2 (for example, this build has
 * no ssl_tlsv1_2 / ssl_tlsv1_3; ssl_tlsv1=YES leaves TLS 1.2 and 1.3 to OpenSSL's defaults).
 */
function vsftpdConfig(c: ConfigInput): string {
  const lines: Record<string, string | number> = {
    // Stand-alone, in the foreground, on our loopback port only.
    listen: c.host === '::1' ? 'NO' : 'YES',
    listen_ipv6: c.host === '::1' ? 'YES' : 'NO',
    ...(c.host === '::1' ? { listen_address6: '::1' } : { listen_address: '127.0.0.1' }),
    listen_port: c.port,
    background: 'NO',
    // The default seccomp sandbox kills every session on this kernel.
    seccomp_sandbox: 'NO',
    secure_chroot_dir: c.emptyDir,
    // Active mode without binding port 20 (we are not the system FTP server).
    connect_from_port_20: 'NO',
    pam_service_name: 'vsftpd',
    // The test user, chrooted into its fresh temp root so it sees '/'.
    local_enable: 'YES',
    write_enable: 'YES',
    local_umask: '022',
    chroot_local_user: 'YES',
    allow_writeable_chroot: 'YES',
    local_root: c.root,
    chmod_enable: 'YES',
    utf8_filesystem: 'YES',
    dirmessage_enable: 'NO',
    // Anonymous users may only read world-readable files in their own root.
    anonymous_enable: c.anonRoot ? 'YES' : 'NO',
    anon_world_readable_only: 'YES',
    // Full protocol log, for debugging failing tests.
    xferlog_enable: 'YES',
    xferlog_std_format: 'NO',
    log_ftp_protocol: 'YES',
    vsftpd_log_file: c.logFile,
  };
  if (c.anonRoot) {
    Object.assign(lines, {
      anon_root: c.anonRoot,
      no_anon_password: 'YES',
      anon_upload_enable: 'NO',
      anon_mkdir_write_enable: 'NO',
      anon_other_write_enable: 'NO',
    });
  }
  if (c.tls !== 'none' && c.certificate) {
    Object.assign(lines, {
      ssl_enable: 'YES',
      rsa_cert_file: c.certificate.certPath,
      rsa_private_key_file: c.certificate.keyPath,
      ssl_sslv2: 'NO',
      ssl_sslv3: 'NO',
      ssl_tlsv1: 'YES',
      // vsftpd's built-in default cipher list (DES-CBC3-SHA) is refused by OpenSSL 3.
      ssl_ciphers: 'HIGH',
      require_ssl_reuse: (c.requireSslReuse ?? true) ? 'YES' : 'NO',
      force_local_logins_ssl: 'YES',
      force_local_data_ssl: 'YES',
      allow_anon_ssl: 'YES',
      implicit_ssl: c.tls === 'implicit' ? 'YES' : 'NO',
    });
  }
  return Object.entries(lines)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
}

/** The last lines of vsftpd's log, to explain a failed start. */
async function logTail(logFile: string): Promise<string> {
  try {
    const text = (await fs.readFile(logFile, 'utf8')).trim();
    return text ? `\nvsftpd log:\n${text.split('\n').slice(-20).join('\n')}` : '';
  } catch {
    return '';
  }
}
