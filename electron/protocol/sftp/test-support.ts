/**
 * Shared pieces of the SFTP integration tests (not a test file itself): connecting to a
 * testkit sshd with its host key already pinned, and finding the sshd processes that
 * serve one connection (to kill or freeze a session from a test).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LogLine } from '../../../shared/contract/app';
import type { SshdHandle } from '../../../testkit/servers';
import type { RemoteFs } from '../remote-fs';
import { MemoryTrustStore } from '../trust-store';
import { connectSftp, type SftpConnectOptions } from './index';

/** A connection to `server` as its user with its password, host key pinned, known_hosts off. */
export async function connectTo(
  server: SshdHandle,
  overrides: Partial<SftpConnectOptions> = {},
): Promise<{ fs: RemoteFs; log: LogLine[] }> {
  const trustStore = new MemoryTrustStore();
  await trustStore.pin('host-key', server.host, server.port, server.hostKeyFingerprint);
  const log: LogLine[] = [];
  const remote = await connectSftp({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    trustStore,
    knownHostsFile: null,
    onLog: (line) => log.push(line),
    ...overrides,
  });
  return { fs: remote, log };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('Expected a rejection, but the promise resolved.');
}

/**
 * The pids of the per-connection sshd processes of `server` (children of its listening
 * process, found through /proc by the config path on the listener's command line).
 */
export function sshdSessionPids(server: SshdHandle): number[] {
  const configDir = path.dirname(server.logFile);
  const parents = new Map<number, number>();
  let listener: number | undefined;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(pid, ppid);
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes(`${configDir}/sshd_config`)) listener = pid;
    } catch {
      // The process ended while we looked.
    }
  }
  if (listener === undefined) return [];
  const result: number[] = [];
  const walk = (parent: number): void => {
    for (const [pid, ppid] of parents) {
      if (ppid === parent) {
        result.push(pid);
        walk(pid);
      }
    }
  };
  walk(listener);
  return result;
}
