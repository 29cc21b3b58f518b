/**
 * The command lines of Ferry and its peers, each as a user would type it, with the
 * settings that keep a peer honest and comparable: plain FTP, passive mode, no user
 * config files, fail on the first error (so a failure is seen, not hidden).
 */
import path from 'node:path';
import type { FtpServerHandle, SshServerHandle } from '../testkit/servers';
import type { CommandLine } from './command';
import { PROGRAMS } from './environment';
import type { Workspace } from './data';

/** Where the Ferry under test lives and how to measure its process. */
export interface FerryInstall {
  /** bin/ferry.cjs of this checkout. */
  bin: string;
  /** bench/rss-probe.cjs, preloaded to record the process's peak RSS. */
  rssProbe: string;
}

/** Things every command line needs. */
export interface ToolContext {
  ferry: FerryInstall;
  workspace: Workspace;
}

/** Environment shared by all tools: a throw-away HOME (no ~/.lftprc, ~/.curlrc, ~/.ssh/config). */
function commonEnv(context: ToolContext): Record<string, string> {
  return { HOME: context.workspace.home };
}

/** `ferry ARGS…` run by this Node, with the RSS probe writing its peak to `rssFile`. */
export function ferry(context: ToolContext, args: string[], rssFile: string, stdoutFile?: string): CommandLine {
  return {
    program: process.execPath,
    args: ['--require', context.ferry.rssProbe, context.ferry.bin, ...args],
    env: { ...commonEnv(context), FERRY_HOME: context.workspace.ferryHome, FERRY_BENCH_RSS_FILE: rssFile },
    ...(stdoutFile === undefined ? {} : { stdoutFile }),
  };
}

/** ftp://user:password@host:port/path for the FTP server. */
export function ftpUrl(server: FtpServerHandle, remotePath: string): string {
  const auth = `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`;
  return `ftp://${auth}@${server.host}:${server.port}${remotePath}`;
}

/** sftp://user@host:port/absolute/path for the SSH server (the key is given separately). */
export function sftpUrl(server: SshServerHandle, absolutePath: string): string {
  return `sftp://${encodeURIComponent(server.user)}@${server.host}:${server.port}${absolutePath}`;
}

/** The flags Ferry needs for the test sshd: its key and the host key it must present. */
export function ferrySftpFlags(server: SshServerHandle): string[] {
  return ['--key', server.clientKeyPath, '--trust', server.hostKeyFingerprint];
}

/** `curl ARGS… URL` without ~/.curlrc (-q must come first), silent but showing errors. */
export function curl(context: ToolContext, args: string[], stdoutFile?: string): CommandLine {
  return {
    program: PROGRAMS.curl.path,
    args: ['-q', '-sS', ...args],
    env: commonEnv(context),
    ...(stdoutFile === undefined ? {} : { stdoutFile }),
  };
}

/**
 * `curl ARGS… -o FILE URL`, then `sync --data FILE` (fdatasync): the time until the download
 * is safely on disk, which is when Ferry reports a download done (it fsyncs before the
 * rename). curl has no option of its own for that; the comparison with plain curl stays too.
 */
export function curlThenSync(context: ToolContext, file: string, url: string): CommandLine {
  return {
    program: '/bin/sh',
    args: ['-c', '"$0" -q -sS -o "$1" "$2" && exec "$3" --data "$1"', PROGRAMS.curl.path, file, url, PROGRAMS.sync.path],
    env: commonEnv(context),
  };
}

/**
 * `lftp -c "…"` logged in to the FTP server: plain FTP, passive, stop at the first failed
 * command with a non-zero exit, few retries (a broken run must fail, not crawl).
 */
export function lftp(context: ToolContext, server: FtpServerHandle, commands: string[]): CommandLine {
  const settings = [
    'set cmd:fail-exit yes',
    'set ftp:ssl-allow no',
    'set ftp:passive-mode yes',
    'set net:max-retries 2',
    'set net:timeout 60',
    'set xfer:clobber yes',
  ];
  const open = `open -u ${lftpQuote(server.user)},${lftpQuote(server.password)} -p ${server.port} ${server.host}`;
  return { program: PROGRAMS.lftp.path, args: ['-c', [...settings, open, ...commands].join('; ')], env: commonEnv(context) };
}

/** A word for an lftp command line, double-quoted. */
export function lftpQuote(word: string): string {
  return `"${word.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * OpenSSH `sftp -b BATCH` with the testkit's client key (sftp -b cannot take a password),
 * no config file, and the throw-away server's host key accepted without a known_hosts file.
 * In batch mode sftp stops with a non-zero exit at the first failed command.
 */
export function opensshSftp(context: ToolContext, server: SshServerHandle, batchFile: string, options: { fsync?: boolean } = {}): CommandLine {
  return {
    program: PROGRAMS.sftp.path,
    args: [
      '-q',
      // -f: fsync each downloaded file before it reports it done, as Ferry does.
      ...(options.fsync ? ['-f'] : []),
      '-F', '/dev/null',
      '-b', batchFile,
      '-P', String(server.port),
      '-i', server.clientKeyPath,
      '-o', 'BatchMode=yes',
      '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'LogLevel=ERROR',
      `${server.user}@${server.host}`,
    ],
    env: commonEnv(context),
  };
}

/** A path for an sftp batch line, double-quoted. */
export function sftpQuote(file: string): string {
  return `"${file.replace(/(["\\])/g, '\\$1')}"`;
}

/** The repository's Ferry, given the repository root. */
export function ferryInstall(repoRoot: string): FerryInstall {
  return { bin: path.join(repoRoot, 'bin', 'ferry.cjs'), rssProbe: path.join(repoRoot, 'bench', 'rss-probe.cjs') };
}
