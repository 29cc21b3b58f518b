/**
 * Logging in to a real OpenSSH sshd: password, keys (plain, encrypted, PEM, PKCS#8, PuTTY),
 * keyboard-interactive, and the errors when it goes wrong.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdHandle } from '../../../testkit/servers';
import type { PromptRequest } from './auth';
import { connectTo, rejectionOf } from './test-support';

let server: SshdHandle;
let interactive: SshdHandle;
let keyDir: string;

beforeAll(async () => {
  [server, interactive] = await Promise.all([startSshd(), startSshd({ keyboardInteractive: true })]);
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-sftp-keys-'));
});
afterAll(async () => {
  await Promise.all([server?.stop(), interactive?.stop()]);
  if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
});

/** A copy of one of the server's authorised keys, to convert without touching the original. */
function copyKey(from: string, name: string): string {
  const to = path.join(keyDir, name);
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o600);
  return to;
}

describe('SFTP login', () => {
  it('logs in with a password and reports the session', async () => {
    const { fs: remote, log } = await connectTo(server);
    try {
      expect(remote.connected).toBe(true);
      expect(remote.protocol).toBe('sftp');
      expect(await remote.pwd()).toMatch(/^\//);
      const security = remote.security();
      expect(security).toMatchObject({ encrypted: true, protocol: 'SSH-2.0' });
      expect(security.cipher).toBeTruthy();
      const text = log.map((line) => line.text).join('\n');
      expect(text).toContain(server.hostKeyFingerprint);
      expect(text).toContain('Logged in as "ferrytest" (password)');
      // Lines from connecting are replayed to listeners added afterwards.
      const replayed: string[] = [];
      remote.onLog((line) => replayed.push(line.text))();
      expect(replayed.join('\n')).toContain(server.hostKeyFingerprint);
    } finally {
      await remote.close();
    }
    expect(remote.connected).toBe(false);
  });

  it('refuses a wrong password with AUTH_FAILED', async () => {
    const error = await rejectionOf(connectTo(server, { password: 'not the password' }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/wrong user name or password/);
  });

  it('logs in with a plain OpenSSH key', async () => {
    const { fs: remote, log } = await connectTo(server, { password: undefined, privateKey: { path: server.clientKeyPath } });
    await remote.close();
    expect(log.map((line) => line.text)).toContain('Logged in as "ferrytest" (private key).');
  });

  it('logs in with key text instead of a file', async () => {
    const { fs: remote } = await connectTo(server, { password: undefined, privateKey: { data: fs.readFileSync(server.clientKeyPath, 'utf8') } });
    await remote.close();
  });

  it('logs in with an encrypted key and its passphrase', async () => {
    const { fs: remote } = await connectTo(server, {
      password: undefined,
      privateKey: { path: server.encryptedClientKeyPath },
      passphrase: server.clientKeyPassphrase,
    });
    await remote.close();
  });

  it('asks for the passphrase of an encrypted key, again after a wrong one', async () => {
    const asked: string[] = [];
    const answers = ['wrong passphrase', server.clientKeyPassphrase];
    const { fs: remote } = await connectTo(server, {
      password: undefined,
      privateKey: { path: server.encryptedClientKeyPath },
      askPassphrase: async (keyPath) => {
        asked.push(keyPath);
        return answers.shift() ?? null;
      },
    });
    await remote.close();
    expect(asked).toEqual([server.encryptedClientKeyPath, server.encryptedClientKeyPath]);
  });

  it('fails clearly on a wrong passphrase, a missing one, and a cancelled question', async () => {
    const wrong = await rejectionOf(
      connectTo(server, { password: undefined, privateKey: { path: server.encryptedClientKeyPath }, passphrase: 'nope' }),
    );
    expect(wrong.code).toBe('AUTH_FAILED');
    expect(wrong.message).toBe(`The passphrase for the key ${server.encryptedClientKeyPath} is wrong.`);

    const missing = await rejectionOf(connectTo(server, { password: undefined, privateKey: { path: server.encryptedClientKeyPath } }));
    expect(missing.code).toBe('AUTH_FAILED');
    expect(missing.message).toMatch(/encrypted and no passphrase was given/);

    const cancelled = await rejectionOf(
      connectTo(server, { password: undefined, privateKey: { path: server.encryptedClientKeyPath }, askPassphrase: async () => null }),
    );
    expect(cancelled.code).toBe('CANCELLED');
  });

  it('logs in with an RSA key in PEM format', async () => {
    const { fs: remote } = await connectTo(server, { password: undefined, privateKey: { path: server.rsaPemKeyPath } });
    await remote.close();
  });

  it('logs in with an encrypted PKCS#8 key', async () => {
    const key = copyKey(server.rsaPemKeyPath, 'rsa_pkcs8');
    execFileSync('ssh-keygen', ['-q', '-p', '-m', 'PKCS8', '-P', '', '-N', 'pkcs8 pass', '-f', key]);
    expect(fs.readFileSync(key, 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const { fs: remote } = await connectTo(server, { password: undefined, privateKey: { path: key }, passphrase: 'pkcs8 pass' });
    await remote.close();
    const wrong = await rejectionOf(connectTo(server, { password: undefined, privateKey: { path: key }, passphrase: 'bad' }));
    expect(wrong.code).toBe('AUTH_FAILED');
  });

  it('logs in with a PuTTY .ppk key (format 2, encrypted) made by puttygen', async () => {
    const ppk = path.join(keyDir, 'client.ppk');
    const passFile = path.join(keyDir, 'ppk-pass');
    fs.writeFileSync(passFile, 'ppk pass\n');
    execFileSync('puttygen', [server.rsaPemKeyPath, '-O', 'private', '--ppk-param', 'version=2', '--new-passphrase', passFile, '-o', ppk]);
    expect(fs.readFileSync(ppk, 'utf8')).toMatch(/^PuTTY-User-Key-File-2: ssh-rsa/);
    const { fs: remote } = await connectTo(server, { password: undefined, privateKey: { path: ppk }, passphrase: 'ppk pass' });
    await remote.close();
  });

  it('says clearly which PuTTY keys it cannot read', async () => {
    const ppk3 = path.join(keyDir, 'client-v3.ppk');
    execFileSync('puttygen', [server.clientKeyPath, '-O', 'private', '-o', ppk3]);
    const error = await rejectionOf(connectTo(server, { password: undefined, privateKey: { path: ppk3 } }));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/PuTTY key \(format 3, ssh-ed25519\)/);
    expect(error.detail).toMatch(/Export OpenSSH key/);
  });

  it('refuses a public key or a missing key file with a clear message', async () => {
    const pub = await rejectionOf(connectTo(server, { password: undefined, privateKey: { path: `${server.clientKeyPath}.pub` } }));
    expect(pub.code).toBe('INVALID_INPUT');
    expect(pub.message).toMatch(/is a public key/);
    const missing = await rejectionOf(connectTo(server, { password: undefined, privateKey: { path: path.join(keyDir, 'nope') } }));
    expect(missing.code).toBe('INVALID_INPUT');
    expect(missing.message).toMatch(/Cannot read the key file/);
  });

  it('falls back from a key the server does not accept to the password', async () => {
    const stranger = path.join(keyDir, 'stranger');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const { fs: remote, log } = await connectTo(server, { privateKey: { path: stranger } });
    await remote.close();
    const text = log.map((line) => line.text);
    expect(text).toContain('Trying private key authentication as "ferrytest"…');
    expect(text).toContain('Logged in as "ferrytest" (password).');
  });

  it('fails with AUTH_FAILED when the only key is refused', async () => {
    const stranger = path.join(keyDir, 'stranger2');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const error = await rejectionOf(connectTo(server, { password: undefined, privateKey: { path: stranger } }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/tried: private key/);
  });

  it('fails with AUTH_FAILED when no credential the server accepts was given', async () => {
    const error = await rejectionOf(connectTo(server, { password: undefined }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/no such credential was given/);
  });
});

describe('ssh-agent login', () => {
  let agent: ChildProcess | undefined;
  let socket: string;

  beforeAll(async () => {
    socket = path.join(keyDir, 'agent.sock');
    // -D: stay in the foreground, so the test owns (and ends) exactly this process.
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(socket)) {
      if (Date.now() > deadline || agent.exitCode !== null) throw new Error('ssh-agent did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    execFileSync('ssh-add', ['-q', server.clientKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  });
  afterAll(() => {
    agent?.kill();
  });

  it('logs in with a key held by the agent (socket path)', async () => {
    const { fs: remote, log } = await connectTo(server, { password: undefined, agent: socket });
    await remote.close();
    expect(log.map((line) => line.text)).toContain('Logged in as "ferrytest" (ssh-agent).');
  });

  it('uses SSH_AUTH_SOCK for agent: true, and skips the agent with a warning when it is not set', async () => {
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      process.env.SSH_AUTH_SOCK = socket;
      const { fs: remote } = await connectTo(server, { password: undefined, agent: true });
      await remote.close();
      delete process.env.SSH_AUTH_SOCK;
      const { fs: withPassword, log } = await connectTo(server, { agent: true });
      await withPassword.close();
      expect(log.some((line) => line.level === 'warning' && /SSH_AUTH_SOCK is not set/.test(line.text))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
    }
  });
});

describe('keyboard-interactive login', () => {
  it('passes each prompt to the caller and logs in with the answers', async () => {
    const requests: PromptRequest[] = [];
    const { fs: remote, log } = await connectTo(interactive, {
      password: undefined,
      answerPrompts: async (request) => {
        requests.push(request);
        return request.prompts.map(() => interactive.password);
      },
    });
    await remote.close();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.prompts).toEqual([{ prompt: expect.stringMatching(/password/i), echo: false }]);
    expect(log.map((line) => line.text)).toContain('Logged in as "ferrytest" (keyboard-interactive).');
  });

  it('fails with AUTH_FAILED when the user cancels, without trying anything else', async () => {
    let asked = 0;
    const error = await rejectionOf(
      connectTo(interactive, {
        password: undefined,
        answerPrompts: async () => {
          asked++;
          return null;
        },
      }),
    );
    expect(asked).toBe(1);
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/cancelled/);
  });

  it('fails with AUTH_FAILED on a wrong answer', async () => {
    const error = await rejectionOf(
      connectTo(interactive, { password: undefined, answerPrompts: async (request) => request.prompts.map(() => 'wrong') }),
    );
    expect(error.code).toBe('AUTH_FAILED');
  });

  it('does not answer prompts by itself when only a password is configured', async () => {
    // The server offers password and keyboard-interactive; with a password and no
    // answerPrompts, only the password method is used.
    const { fs: remote, log } = await connectTo(interactive);
    await remote.close();
    expect(log.map((line) => line.text)).not.toContain('Trying keyboard-interactive authentication as "ferrytest"…');
  });
});
