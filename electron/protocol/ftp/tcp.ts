/**
 * Opening TCP connections (control and passive data) with a time limit and errors
 * in words, and formatting limits for messages.
 */
import net from 'node:net';
import { FerryError } from '../../../shared/errors';

/**
 * Opens a TCP connection within `timeoutMs`. CONNECTION_REFUSED for refused or
 * unreachable, TIMEOUT for no answer, CANCELLED when `signal` aborts. With `onread`,
 * the socket reads into the caller's buffers (see pooled-reads.ts).
 */
export function connectTcp(
  host: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  what: string,
  onread?: net.OnReadOpts,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new FerryError('CANCELLED', 'The connection was cancelled.'));
      return;
    }
    const socket = net.connect(onread ? { host, port, onread } : { host, port });
    const finish = (error?: FerryError): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('connect', onConnect);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve(socket);
    };
    const onConnect = (): void => finish();
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      finish(new FerryError('CONNECTION_REFUSED', `Could not connect to ${what} at ${where}: ${describeSocketError(error)}.`, error.code));
    };
    const onAbort = (): void => finish(new FerryError('CANCELLED', 'The connection was cancelled.'));
    const timer = setTimeout(
      () => finish(new FerryError('TIMEOUT', `No answer from ${what} at ${host}:${port} within ${formatSeconds(timeoutMs)}.`)),
      timeoutMs,
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (is the server running on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return error.message;
  }
}

/** `20 s`, `1.5 s`. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
