import fs from 'node:fs/promises';
import path from 'node:path';
import { Client, type ConnectConfig } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSshHostKey, startSshd, type SshdHandle } from './index';
import { portAcceptsConnections, runClient } from './curl.test-helper';

const started: SshdHandle[] = [];
async function start(options?: Parameters<typeof startSshd>[0]): Promise<SshdHandle> {
  const handle = await startSshd(options);
  started.push(handle);
  return handle;
}
afterAll(async () => {
  await Promise.all(started.map((h) => h.stop()));
});

/** The host key fingerprint as OpenSSH's own client tools see it. */
async function scannedFingerprint(server: SshdHandle, type: string): Promise<string> {
  const scan = await runClient('/usr/bin/ssh-keyscan', ['-p', String(server.port), '-t', type, server.host]);
  const listed = await runClient('/usr/bin/ssh-keygen', ['-lf', '-'], scan.stdout);
  return listed.stdout.split(' ')[1] ?? '';
}

/** Runs an OpenSSH sftp batch with a key, never prompting. */
function sftpBatch(server: SshdHandle, keyPath: string, commands: string[]) {
  return runClient(
    '/usr/bin/sftp',
    [
      '-b', '-', '-P', String(server.port), '-i', keyPath,
      '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'IdentitiesOnly=yes',
      '-o', 'BatchMode=yes', '-o', 'PasswordAuthentication=no', '-o', 'LogLevel=ERROR',
      `${server.user}@${server.host}`,
    ],
    commands.join('\n') + '\n',
  );
}

/** Logs in with the ssh2 library, returns the host key it was shown and the SFTP realpath of root. */
function ssh2Login(server: SshdHandle, auth: Partial<ConnectConfig>): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => {
      client.sftp((error, sftp) => {
        if (error) return reject(error);
        sftp.readdir(server.root, (err, list) => {
          client.end();
          if (err) reject(err);
          else resolve(list.map((e) => e.filename).sort().join(','));
        });
      });
    });
    client.once('error', reject);
    client.connect({ host: server.host, port: server.port, username: server.user, readyTimeout: 20_000, hostVerifier: () => true, ...auth });
  });
}

describe('startSshd', () => {
  it('serves SFTP to OpenSSH sftp with the ed25519 client key and the RSA PEM key', async () => {
    const server = await start();
    const source = path.join(server.root, '..', 'upload.txt');
    await fs.writeFile(source, 'sent over sftp\n');
    const out = await sftpBatch(server, server.clientKeyPath, [`put ${source} ${server.root}/remote.txt`, `ls -1 ${server.root}`]);
    expect(out.stdout).toMatch(/remote\.txt/);
    const onDisk = path.join(server.root, 'remote.txt');
    expect(await fs.readFile(onDisk, 'utf8')).toBe('sent over sftp\n');
    // Written as the test user, who owns root.
    expect((await fs.stat(onDisk)).uid).toBe((await fs.stat(server.root)).uid);

    const back = path.join(server.root, '..', 'downloaded.txt');
    await sftpBatch(server, server.rsaPemKeyPath, [`get ${server.root}/remote.txt ${back}`]);
    expect(await fs.readFile(back, 'utf8')).toBe('sent over sftp\n');
    expect(await fs.readFile(server.rsaPemKeyPath, 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
  });

  it('reports the ed25519 host key fingerprint that ssh-keyscan sees', async () => {
    const server = await start();
    expect(server.hostKeyType).toBe('ssh-ed25519');
    expect(server.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(await scannedFingerprint(server, 'ed25519')).toBe(server.hostKeyFingerprint);
  });

  it('accepts a password, and the encrypted key with its passphrase (ssh2 client)', async () => {
    const server = await start();
    await fs.writeFile(path.join(server.root, 'a.txt'), 'a');
    expect(await ssh2Login(server, { password: server.password })).toBe('a.txt');
    const encrypted = await fs.readFile(server.encryptedClientKeyPath, 'utf8');
    expect(encrypted).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(await ssh2Login(server, { privateKey: encrypted, passphrase: server.clientKeyPassphrase })).toBe('a.txt');
    await expect(ssh2Login(server, { password: 'wrong password' })).rejects.toThrow(/authentication/i);
  });

  it('offers keyboard-interactive with a Password: prompt only when asked to', async () => {
    const [withKbd, without] = await Promise.all([start({ keyboardInteractive: true }), start()]);
    const prompts: string[] = [];
    const loginKbd = (server: SshdHandle) =>
      new Promise<void>((resolve, reject) => {
        const client = new Client();
        client.on('keyboard-interactive', (_name, _instructions, _lang, questions, finish) => {
          prompts.push(...questions.map((q) => q.prompt));
          finish(questions.map(() => server.password));
        });
        client.once('ready', () => {
          client.end();
          resolve();
        });
        client.once('error', reject);
        client.connect({ host: server.host, port: server.port, username: server.user, readyTimeout: 20_000, hostVerifier: () => true, tryKeyboard: true, authHandler: ['keyboard-interactive'] });
      });
    await loginKbd(withKbd);
    expect(prompts).toEqual(['Password: ']);
    await expect(loginKbd(without)).rejects.toThrow(/authentication/i);
  });

  it('uses an RSA host key, or a given host key file, on request', async () => {
    const sharedKey = await makeSshHostKey('ed25519');
    const [rsa, first, second] = await Promise.all([start({ hostKey: 'rsa' }), start({ hostKey: sharedKey }), start({ hostKey: sharedKey })]);
    expect(rsa.hostKeyType).toBe('ssh-rsa');
    expect(await scannedFingerprint(rsa, 'rsa')).toBe(rsa.hostKeyFingerprint);
    expect(first.hostKeyFingerprint).toBe(second.hostKeyFingerprint);
    expect(await scannedFingerprint(second, 'ed25519')).toBe(first.hostKeyFingerprint);
  });

  it('stop() frees the port and removes the temp dirs; a new server can take the same port with a changed key', async () => {
    const server = await start();
    const { port, root, hostKeyFingerprint } = server;
    await server.stop();
    expect(await portAcceptsConnections('127.0.0.1', port)).toBe(false);
    await expect(fs.stat(root)).rejects.toThrow(/ENOENT/);
    await server.stop(); // idempotent

    const again = await start({ port });
    expect(again.port).toBe(port);
    expect(again.hostKeyFingerprint).not.toBe(hostKeyFingerprint);
    expect(await scannedFingerprint(again, 'ed25519')).toBe(again.hostKeyFingerprint);
  });
});
