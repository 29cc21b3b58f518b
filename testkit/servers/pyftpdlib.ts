/**
 * A real pyftpdlib FTP server on 127.0.0.1 (the Debian python3-pyftpdlib package), run
 * from pyftpd.py. Unlike vsftpd it offers MLSD/MLST, MFMT and UTF-8, and optional
 * explicit TLS. Its one user lives in memory; the process itself runs as the test user
 * when we are root, so file permissions apply to it as they would on a real server.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FtpServerHandle, TestCertificate } from './types';
import { writeSelfSignedCertificate } from './certificate';
import { waitForBanner } from './ports';
import { onceAsync, startServerProcess, type ServerProcess } from './server-process';
import { makeOwnedDir, makeStateDir, removeDir } from './temp-dirs';
import { TEST_PASSWORD, TEST_USER, testUserIds } from './test-user';

/** Options for {@link startPyftpdlib}. */
export interface PyftpdlibOptions {
  /** Offer explicit TLS (AUTH TLS), not required. Default false. */
  tls?: boolean;
  /** Certificate to present; default a fresh self-signed one for 127.0.0.1. */
  certificate?: TestCertificate;
  /** Listen on this port instead of one the kernel picks (to restart "the same" server). */
  port?: number;
}

/** Debian's Python, which has pyftpdlib and pyOpenSSL (not a pyenv python3 on PATH). */
const PYTHON = '/usr/bin/python3';

/**
 * Where pyftpd.py is. Not via import.meta.url: Playwright loads this file as CommonJS, where
 * import.meta is a syntax error. __dirname works under Vitest and Playwright; a bundle (the
 * benchmark) lives elsewhere, so fall back to the repository layout below the working folder.
 */
function pyftpdScript(): string {
  const candidates = [
    ...(typeof __dirname === 'string' ? [path.join(__dirname, 'pyftpd.py')] : []),
    path.resolve('testkit', 'servers', 'pyftpd.py'),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`pyftpd.py not found (looked at ${candidates.join(', ')}); run from the repository root.`);
  return found;
}

/** Starts pyftpdlib and resolves once it sends its 220 greeting. */
export async function startPyftpdlib(options: PyftpdlibOptions = {}): Promise<FtpServerHandle> {
  const isRoot = process.getuid?.() === 0;
  // As root, drop to the test user; otherwise run as whoever we are (pyftpdlib needs no root).
  const owner = isRoot ? await testUserIds() : { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  const stateDir = await makeStateDir('pyftpdlib');
  let server: ServerProcess | undefined;
  try {
    const root = await makeOwnedDir(stateDir, 'root', owner, 0o755);
    const logFile = path.join(stateDir, 'pyftpdlib.log');
    await fs.writeFile(logFile, '');
    await fs.chown(logFile, owner.uid, owner.gid);
    let certificate: TestCertificate | undefined;
    const tlsArgs: string[] = [];
    if (options.tls) {
      // The server runs unprivileged, so it gets its own readable copy of the key.
      const certDir = await makeOwnedDir(stateDir, 'cert', owner, 0o700);
      certificate = options.certificate ?? (await writeSelfSignedCertificate(certDir));
      const keyPath = path.join(certDir, 'server-key.pem');
      const certPath = path.join(certDir, 'server-cert.pem');
      await fs.writeFile(keyPath, certificate.keyPem, { mode: 0o600 });
      await fs.writeFile(certPath, certificate.certPem);
      await Promise.all([fs.chown(keyPath, owner.uid, owner.gid), fs.chown(certPath, owner.uid, owner.gid)]);
      tlsArgs.push('--certfile', certPath, '--keyfile', keyPath);
    }
    const args = [pyftpdScript(), '--home', root, '--user', TEST_USER, '--password', TEST_PASSWORD, '--log', logFile, '--port', String(options.port ?? 0), ...tlsArgs];
    server = startServerProcess({
      name: 'pyftpdlib',
      command: PYTHON,
      args,
      cwd: stateDir,
      // UTF-8 file names whatever the locale of the machine running the tests.
      env: { ...process.env, PYTHONUTF8: '1', PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: '' },
      ...(isRoot ? { runAs: owner } : {}),
    });
    const current = server;
    const [, portText] = await current.waitForOutput(/^PORT (\d+)$/m);
    const port = Number(portText);
    await waitForBanner({ host: '127.0.0.1', port, banner: /^220[ -]/, failure: () => current.exitReport() });
    const handle: FtpServerHandle = {
      host: '127.0.0.1',
      port,
      user: TEST_USER,
      password: TEST_PASSWORD,
      root,
      remoteRoot: '/',
      logFile,
      stop: onceAsync(async () => {
        await current.stop();
        await removeDir(stateDir);
      }),
    };
    if (certificate) handle.certificate = certificate;
    return handle;
  } catch (error) {
    await server?.stop();
    await removeDir(stateDir);
    throw new Error(`pyftpdlib did not start: ${(error as Error).message}`);
  }
}
