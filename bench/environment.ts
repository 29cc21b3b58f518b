/**
 * The machine a run happened on (printed first and stored with the results, since
 * ratios only mean something next to it) and the checks that must pass before any
 * server starts: root, the peer tools, a built CLI and enough free disk.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstLineOf } from './command';

/** Programs the bench runs, by absolute path (Debian's), and the package that provides each. */
export const PROGRAMS = {
  curl: { path: '/usr/bin/curl', apt: 'curl' },
  sync: { path: '/usr/bin/sync', apt: 'coreutils' },
  lftp: { path: '/usr/bin/lftp', apt: 'lftp' },
  sftp: { path: '/usr/bin/sftp', apt: 'openssh-client' },
  vsftpd: { path: '/usr/sbin/vsftpd', apt: 'vsftpd' },
  sshd: { path: '/usr/sbin/sshd', apt: 'openssh-server' },
} as const;

/** What the results were measured on. */
export interface Environment {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  ferry: string;
  curl: string;
  lftp: string;
  vsftpd: string;
  openssh: string;
  /** 1-, 5- and 15-minute load averages when the run started: other work skews absolute numbers. */
  loadAverage: string;
}

/** Describes this machine and the tool versions. */
export function describeEnvironment(repoRoot: string): Environment {
  const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    ferry: `${packageJson.version} (${gitDescription(repoRoot)})`,
    curl: firstLineOf(PROGRAMS.curl.path, ['--version']).split(' ').slice(0, 2).join(' '),
    lftp: firstLineOf(PROGRAMS.lftp.path, ['--version']).replace(/\s*\|\s*Copyright.*/, '').replace(/\s*\|\s*/g, ' '),
    vsftpd: `vsftpd ${debianVersion('vsftpd')}`,
    // `ssh -V` prints e.g. "OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.x …".
    openssh: firstLineOf('/usr/bin/ssh', ['-V']).split(',')[0] ?? 'unknown',
    loadAverage: loadAverage(),
  };
}

/** "0.12 0.40 0.51": the 1-, 5- and 15-minute load averages now. */
export function loadAverage(): string {
  return os.loadavg().map((n) => n.toFixed(2)).join(' ');
}

/** The commit, and whether the tree had uncommitted changes (then the numbers are for those). */
function gitDescription(repoRoot: string): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  if (head.status !== 0) return 'not a git checkout';
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' });
  return `commit ${head.stdout.trim()}${status.stdout.trim() ? ' + uncommitted changes' : ''}`;
}

/** vsftpd prints its version to fd 0 only; the package version says the same. */
function debianVersion(pkg: string): string {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown version';
}

/** The environment as aligned "name: value" lines. */
export function formatEnvironment(env: Environment): string {
  const rows: [string, string][] = [
    ['CPU', `${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB RAM`],
    ['Kernel', env.kernel],
    ['Node', env.node],
    ['Ferry', env.ferry],
    ['curl', env.curl],
    ['lftp', env.lftp],
    ['vsftpd', env.vsftpd],
    ['OpenSSH', env.openssh],
    ['Load', `${env.loadAverage} (1/5/15 min)${busy(env) ? ': other work is running; absolute numbers will be noisy' : ''}`],
  ];
  return rows.map(([name, value]) => `  ${`${name}:`.padEnd(9)} ${value}`).join('\n');
}

/** More runnable work than half the cores at the start: the machine is not quiet. */
function busy(env: Environment): boolean {
  return Number(env.loadAverage.split(' ')[0]) > env.cores / 2;
}

/**
 * Throws one readable error listing everything that stops a run: not root, a missing
 * program, an unbuilt CLI, or less free space in the temp folder than the run needs.
 */
export async function checkPrerequisites(repoRoot: string, neededBytes: number): Promise<void> {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) problems.push('Run as root: the test servers (vsftpd, sshd) need it.');
  const missing = Object.values(PROGRAMS).filter((program) => !fs.existsSync(program.path));
  if (missing.length > 0) {
    problems.push(`Missing ${missing.map((p) => p.path).join(', ')}: apt-get install ${[...new Set(missing.map((p) => p.apt))].join(' ')}`);
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'electron', 'cli.cjs'))) problems.push('The CLI is not built: run `npm run build` (npm run bench does).');
  const disk = await fs.promises.statfs(os.tmpdir());
  const free = disk.bavail * disk.bsize;
  if (free < neededBytes) {
    problems.push(
      `Only ${(free / 1024 ** 3).toFixed(1)} GiB free in ${os.tmpdir()}; this run needs about ${(neededBytes / 1024 ** 3).toFixed(1)} GiB ` +
        '(the test files, a downloaded and an uploaded copy). Free some space or use --quick.',
    );
  }
  if (problems.length > 0) throw new Error(`Cannot run the benchmark:\n  ${problems.join('\n  ')}`);
}
