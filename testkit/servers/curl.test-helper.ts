/**
 * Runs real peer clients (curl, sftp, ssh-keyscan) against the test servers, for the
 * testkit's own tests.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Output of a finished client run. */
export interface ClientResult {
  stdout: string;
  stderr: string;
}

/** Runs a program; rejects with its stderr when it exits non-zero. */
export async function runClient(command: string, args: string[], input?: string): Promise<ClientResult> {
  const child = run(command, args, { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr };
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** Runs curl quietly but with errors shown, plus the given arguments. */
export function curl(...args: string[]): Promise<ClientResult> {
  return runClient('/usr/bin/curl', ['--silent', '--show-error', '--max-time', '25', ...args]);
}

/** An ftp:// (or ftps://) URL for `path` on a server, with the host bracketed for IPv6. */
export function ftpUrl(scheme: 'ftp' | 'ftps', host: string, port: number, path: string): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${h}:${port}${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** True when something accepts TCP connections on host:port. */
export function portAcceptsConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
