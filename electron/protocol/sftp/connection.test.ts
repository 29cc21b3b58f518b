/**
 * When the network or the server misbehaves: refused, silent, frozen or dropped
 * connections each give their own error, and a transfer in progress fails instead of
 * ending as if complete.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrustDecision } from '../../../shared/types/trust';
import { freePort, startSshd, type SshdHandle } from '../../../testkit/servers';
import { MemoryTrustStore } from '../trust-store';
import { connectSftp } from './index';
import { connectTo, rejectionOf, sshdSessionPids } from './test-support';

let server: SshdHandle;
let silent: net.Server;
let silentPort: number;
const silentSockets = new Set<net.Socket>();

beforeAll(async () => {
  server = await startSshd();
  // A TCP server that accepts and never says a word (no SSH banner).
  silent = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  await server?.stop();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Waits until `predicate` holds (polling), failing after a generous deadline. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A big file in the server root and a stream reading it, after the first bytes arrived. */
async function startBigRead(target: SshdHandle, remote: Awaited<ReturnType<typeof connectTo>>['fs'], name: string): Promise<Readable> {
  const file = path.join(target.root, name);
  fs.writeFileSync(file, randomBytes(32 * 1024 * 1024));
  const stream = await remote.openRead(file);
  await new Promise<void>((resolve) => stream.once('readable', () => resolve()));
  return stream;
}

/** Reads a stream to its end; resolves with the error it fails with (or null when it ends). */
async function drain(stream: Readable): Promise<(Error & { code?: string }) | null> {
  try {
    for await (const chunk of stream) void chunk;
    return null;
  } catch (error) {
    return error as Error & { code?: string };
  }
}

describe('connecting', () => {
  it('reports CONNECTION_REFUSED when nothing listens', async () => {
    const port = await freePort();
    const error = await rejectionOf(
      connectSftp({ host: '127.0.0.1', port, user: 'x', password: 'y', trustStore: new MemoryTrustStore(), knownHostsFile: null }),
    );
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('reports TIMEOUT when the server never speaks', async () => {
    const error = await rejectionOf(
      connectSftp({
        host: '127.0.0.1',
        port: silentPort,
        user: 'x',
        password: 'y',
        trustStore: new MemoryTrustStore(),
        knownHostsFile: null,
        timeouts: { connectMs: 500 },
      }),
    );
    expect(error.code).toBe('TIMEOUT');
  });

  it('pauses the connect timeout while the user decides about the host key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let asked = 0;
    const remote = await connectSftp({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      trustStore: new MemoryTrustStore(),
      knownHostsFile: null,
      timeouts: { connectMs: 5_000 },
      decideHostKey: async (): Promise<TrustDecision> => {
        asked++;
        // The user takes a minute: the connect timer must not fire meanwhile.
        vi.advanceTimersByTime(60_000);
        return 'trust-once';
      },
    });
    expect(asked).toBe(1);
    expect(remote.connected).toBe(true);
    vi.useRealTimers();
    await remote.close();
  });

  it('gives up with CANCELLED when its signal aborts', async () => {
    const controller = new AbortController();
    const attempt = connectSftp({
      host: '127.0.0.1',
      port: silentPort,
      user: 'x',
      password: 'y',
      trustStore: new MemoryTrustStore(),
      knownHostsFile: null,
      signal: controller.signal,
    });
    await until(() => silentSockets.size > 0, 'the connection to the silent server');
    controller.abort();
    expect((await rejectionOf(attempt)).code).toBe('CANCELLED');
  });

  it('refuses bad options before connecting', async () => {
    const base = { user: 'u', trustStore: new MemoryTrustStore() };
    expect((await rejectionOf(connectSftp({ ...base, host: ' ' }))).code).toBe('INVALID_INPUT');
    expect((await rejectionOf(connectSftp({ ...base, host: 'h', port: 70_000 }))).code).toBe('INVALID_INPUT');
  });
});

describe('a connection that breaks', () => {
  it('fails a download with CONNECTION_LOST when the session is killed, and reports the loss', async () => {
    const { fs: remote } = await connectTo(server);
    const closed = new Promise<Error | undefined>((resolve) => remote.onClose(resolve));
    const stream = await startBigRead(server, remote, 'killed.bin');
    const pids = sshdSessionPids(server);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    const error = await drain(stream);
    expect(error?.code).toBe('CONNECTION_LOST');
    expect(((await closed) as Error & { code?: string })?.code).toBe('CONNECTION_LOST');
    expect(remote.connected).toBe(false);
    expect((await rejectionOf(remote.list(server.root))).code).toBe('CONNECTION_LOST');
    await remote.close(); // never rejects, even after a loss
  });

  it('fails an upload with CONNECTION_LOST when the server stops', async () => {
    const own = await startSshd();
    try {
      const { fs: remote } = await connectTo(own);
      const stream = await remote.openWrite(path.join(own.root, 'upload.bin'));
      const failed = new Promise<Error & { code?: string }>((resolve) => stream.once('error', resolve));
      stream.write(randomBytes(1024 * 1024));
      await own.stop();
      // Keep writing as a producer would; the stream must fail rather than finish.
      const chunk = randomBytes(64 * 1024);
      const pump = setInterval(() => {
        if (!stream.destroyed) stream.write(chunk);
      }, 10);
      const error = await failed;
      clearInterval(pump);
      expect(error.code).toBe('CONNECTION_LOST');
      expect(remote.connected).toBe(false);
    } finally {
      await own.stop();
    }
  });

  it('closes a frozen connection with TIMEOUT after idleMs without an answer', async () => {
    const before = new Set(sshdSessionPids(server));
    const { fs: remote, log } = await connectTo(server, { timeouts: { idleMs: 1000 } });
    const pids = sshdSessionPids(server).filter((pid) => !before.has(pid));
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const error = await rejectionOf(remote.list(server.root));
      expect(error.code).toBe('TIMEOUT');
      expect(remote.connected).toBe(false);
      expect(log.some((line) => line.level === 'error' && /did not answer/.test(line.text))).toBe(true);
    } finally {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGCONT');
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });
});
