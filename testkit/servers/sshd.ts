/**
 * A real OpenSSH sshd on 127.0.0.1 serving SFTP (internal-sftp), one instance per call,
 * with its own host key, config and authorised keys in a temp folder (the system
 * /etc/ssh/sshd_config and host keys are never used). Needs root.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SshServerHandle } from './types';
import { freePort, waitForBanner } from './ports';
import { onceAsync, startServerProcess, type ServerProcess } from './server-process';
import { fingerprintOf, generateKey, publicKeyOf } from './ssh-keys';
import { makeOwnedDir, makeStateDir, removeDir } from './temp-dirs';
import { ensureTestUser, testUserIds } from './test-user';

/** Options for {@link startSshd}. */
export interface SshdOptions {
  /**
   * Also offer keyboard-interactive login, answered through PAM: the client gets one
   * "Password:" prompt and must answer with the user's password. Default false.
   */
  keyboardInteractive?: boolean;
  /**
   * 'ed25519' (default) or 'rsa': a fresh host key of that type. Any other string is the
   * path of an existing private host key to reuse (see makeSshHostKey): start a server
   * with a different one on the same `port` to simulate a changed host key.
   */
  hostKey?: 'ed25519' | 'rsa' | string;
  /** Listen on this port instead of a free one (to restart "the same" server). */
  port?: number;
}

/** A running sshd, plus the path of its host key and its log. */
export type SshdHandle = SshServerHandle & {
  /** The private host key the server uses (inside the server's temp folder: gone after stop()). */
  hostKeyPath: string;
  /** sshd's own log (LogLevel VERBOSE), for debugging a failing test. */
  logFile: string;
};

const SSHD = '/usr/sbin/sshd';
const START_ATTEMPTS = 5;
/** Passphrase of the encrypted client key. Not a secret: the key only exists in a temp dir. */
const CLIENT_KEY_PASSPHRASE = 'ferry key passphrase';

/** Starts sshd and resolves once it sends its SSH-2.0 banner. */
export async function startSshd(options: SshdOptions = {}): Promise<SshdHandle> {
  const { user, password } = await ensureTestUser();
  const owner = await testUserIds();
  // sshd's privilege-separation chroot; it refuses to start without it.
  await fs.mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const stateDir = await makeStateDir('sshd');
  let server: ServerProcess | undefined;
  try {
    const root = await makeOwnedDir(stateDir, 'root', owner, 0o755);
    const keyDir = await makeOwnedDir(stateDir, 'keys', { uid: 0, gid: 0 }, 0o700);

    const hostKeyPath = path.join(keyDir, 'ssh_host_key');
    if (options.hostKey === undefined || options.hostKey === 'ed25519' || options.hostKey === 'rsa') {
      await generateKey(hostKeyPath, options.hostKey ?? 'ed25519', { comment: 'ferry-test-host' });
    } else {
      // A copy with 0600: sshd ignores a private host key that others can read.
      await fs.copyFile(options.hostKey, hostKeyPath);
      await fs.chmod(hostKeyPath, 0o600);
      await fs.writeFile(`${hostKeyPath}.pub`, `${await publicKeyOf(hostKeyPath)}\n`);
    }
    const hostPublicKey = (await fs.readFile(`${hostKeyPath}.pub`, 'utf8')).trim();
    const hostKeyType = hostPublicKey.split(' ')[0] ?? '';
    const hostKeyFingerprint = await fingerprintOf(`${hostKeyPath}.pub`);

    const clientKeyPath = path.join(keyDir, 'client_ed25519');
    const encryptedClientKeyPath = path.join(keyDir, 'client_ed25519_encrypted');
    const rsaPemKeyPath = path.join(keyDir, 'client_rsa_pem');
    await Promise.all([
      generateKey(clientKeyPath, 'ed25519', { comment: 'ferry-test-client' }),
      generateKey(encryptedClientKeyPath, 'ed25519', { passphrase: CLIENT_KEY_PASSPHRASE, comment: 'ferry-test-client-encrypted' }),
      generateKey(rsaPemKeyPath, 'rsa', { format: 'PEM', comment: 'ferry-test-client-rsa-pem' }),
    ]);
    const authorizedKeysFile = path.join(stateDir, 'authorized_keys');
    const publicKeys = await Promise.all(
      [clientKeyPath, encryptedClientKeyPath, rsaPemKeyPath].map((key) => fs.readFile(`${key}.pub`, 'utf8')),
    );
    await fs.writeFile(authorizedKeysFile, publicKeys.map((k) => k.trim()).join('\n') + '\n', { mode: 0o644 });

    const logFile = path.join(stateDir, 'sshd.log');
    const configFile = path.join(stateDir, 'sshd_config');
    let lastError = '';
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      const port = options.port ?? (await freePort());
      const config = sshdConfig({ port, user, hostKeyPath, authorizedKeysFile, pidFile: path.join(stateDir, 'sshd.pid'), keyboardInteractive: options.keyboardInteractive ?? false });
      await fs.writeFile(configFile, config, { mode: 0o600 });
      server = startServerProcess({ name: 'sshd', command: SSHD, args: ['-D', '-e', '-f', configFile], cwd: stateDir, outputFile: logFile });
      const current = server;
      try {
        await waitForBanner({ host: '127.0.0.1', port, banner: /^SSH-2\.0-/, failure: () => current.exitReport() });
      } catch (error) {
        await current.stop();
        lastError = (error as Error).message;
        // Another process may have taken the port between freePort() and sshd's bind().
        if (options.port === undefined && /bind|address already in use/i.test(lastError)) continue;
        throw new Error(`sshd did not start: ${lastError}`);
      }
      return {
        host: '127.0.0.1',
        port,
        user,
        password,
        root,
        hostKeyFingerprint,
        hostKeyType,
        hostKeyPath,
        clientKeyPath,
        encryptedClientKeyPath,
        clientKeyPassphrase: CLIENT_KEY_PASSPHRASE,
        rsaPemKeyPath,
        logFile,
        stop: onceAsync(async () => {
          await current.stop();
          await removeDir(stateDir);
        }),
      };
    }
    throw new Error(`sshd did not start after ${START_ATTEMPTS} attempts: ${lastError}`);
  } catch (error) {
    await server?.stop();
    await removeDir(stateDir);
    throw error;
  }
}

interface ConfigInput {
  port: number;
  user: string;
  hostKeyPath: string;
  authorizedKeysFile: string;
  pidFile: string;
  keyboardInteractive: boolean;
}

/** The whole sshd_config: nothing is included from /etc/ssh. */
function sshdConfig(c: ConfigInput): string {
  return [
    `Port ${c.port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${c.hostKeyPath}`,
    `PidFile ${c.pidFile}`,
    // Only the test user, and only with the keys this instance generated.
    `AllowUsers ${c.user}`,
    'PermitRootLogin no',
    `AuthorizedKeysFile ${c.authorizedKeysFile}`,
    // The temp folders are not laid out like a home directory; don't let sshd refuse them.
    'StrictModes no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication yes',
    // PAM answers keyboard-interactive with one "Password:" prompt.
    `KbdInteractiveAuthentication ${c.keyboardInteractive ? 'yes' : 'no'}`,
    'UsePAM yes',
    'Subsystem sftp internal-sftp',
    // Several workers and parallel transfers connect at once; the defaults (10:30:100
    // start-ups, 10 sessions) would randomly drop connections under load.
    'MaxStartups 100',
    'MaxSessions 64',
    'MaxAuthTries 10',
    'LoginGraceTime 60',
    'UseDNS no',
    'PrintMotd no',
    'X11Forwarding no',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}
