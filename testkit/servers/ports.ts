/**
 * Ports for test servers and waiting until a server really answers on one.
 */
import net from 'node:net';
import tls from 'node:tls';

/**
 * A TCP port that is free on 127.0.0.1 right now (the kernel picks it). Another process
 * may take it before the caller binds, so the server starters retry on "address in use".
 */
export function freePort(host: '127.0.0.1' | '::1' = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The kernel gave no port.'))));
    });
  });
}

/** How to recognise that a server is ready. */
export interface BannerWait {
  host: string;
  port: number;
  /** The first bytes must match this, e.g. /^220[ -]/ for FTP or /^SSH-/ for SSH. */
  banner: RegExp;
  /** Wrap the connection in TLS first (implicit FTPS: the greeting comes after the handshake). */
  tls?: boolean;
  /** Give up after this many milliseconds (generous: CI machines are slow). */
  timeoutMs?: number;
  /** When this returns an error text, the server process has died: stop waiting and report it. */
  failure?: () => string | undefined;
}

/**
 * Polls until a connection to host:port yields a greeting that matches `banner`.
 * Resolves with the greeting; rejects with the process's own output if it dies first,
 * or after the deadline.
 */
export async function waitForBanner(wait: BannerWait): Promise<string> {
  const deadline = Date.now() + (wait.timeoutMs ?? 20_000);
  let lastProblem = 'no attempt made';
  while (Date.now() < deadline) {
    const died = wait.failure?.();
    if (died !== undefined) throw new Error(died);
    try {
      // A slow server gets the whole remaining time, but a dead one is noticed at once
      // (something else may be holding the port and accepting without a greeting).
      const greeting = await readGreeting(wait.host, wait.port, wait.tls ?? false, Math.max(500, deadline - Date.now()), wait.failure);
      if (wait.banner.test(greeting)) return greeting;
      lastProblem = `unexpected greeting ${JSON.stringify(greeting)}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    const died2 = wait.failure?.();
    if (died2 !== undefined) throw new Error(died2);
    // Polling interval, not a fixed wait for readiness: we loop until the condition holds.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Server on ${wait.host}:${wait.port} did not become ready: ${lastProblem}`);
}

/** Connects once and returns the first chunk of text the server sends. */
function readGreeting(
  host: string,
  port: number,
  useTls: boolean,
  timeoutMs: number,
  failure: (() => string | undefined) | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = useTls
      ? tls.connect({ host, port, rejectUnauthorized: false })
      : net.connect({ host, port });
    let text = '';
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(watch);
      socket.destroy();
      if (error) reject(error);
      else resolve(text);
    };
    const timer = setTimeout(() => finish(new Error('timed out waiting for a greeting')), timeoutMs);
    const watch = setInterval(() => {
      const died = failure?.();
      if (died !== undefined) finish(new Error(died));
    }, 100);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) finish();
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(text ? undefined : new Error('connection closed before a greeting')));
  });
}
