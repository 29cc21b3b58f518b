/**
 * Runs one measured command: its own process group (so a hung tool and everything it
 * started can be killed), a hard time limit (the bench must stop by itself), wall-clock
 * time from spawn to exit, stdout to a file when the output is checked, and the end of
 * stderr kept to explain a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** A program and its arguments, with what it needs around it. */
export interface CommandLine {
  program: string;
  args: string[];
  /** Extra environment variables (on top of the bench's). */
  env?: Record<string, string>;
  /** Write stdout here (to count a listing); otherwise it is discarded. */
  stdoutFile?: string;
}

/** What happened when a command ran. */
export interface CommandResult {
  /** Wall-clock seconds from spawn to exit (process start-up included, as a user would wait). */
  seconds: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The last few KiB of stderr. */
  stderr: string;
}

const STDERR_KEEP = 4096;
/** Process groups of commands still running, killed if the bench stops early. */
const running = new Set<number>();

/** Kills every measured command that is still running (on Ctrl-C or a crash). */
export function killRunningCommands(): void {
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

/** Runs `line` and resolves when it has exited (or was killed after `timeoutMs`). Never rejects. */
export function runCommand(line: CommandLine, timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    const stdoutFd = line.stdoutFile === undefined ? 'ignore' : fs.openSync(line.stdoutFile, 'w');
    const started = process.hrtime.bigint();
    const child = spawn(line.program, line.args, {
      env: { ...process.env, ...line.env },
      detached: true, // own process group: a timeout kills the tool and anything it started
      stdio: ['ignore', stdoutFd, 'pipe'],
    });
    if (typeof stdoutFd === 'number') fs.closeSync(stdoutFd);
    if (child.pid !== undefined) running.add(child.pid);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Exited just now.
        }
      }
    }, timeoutMs);
    let seconds = 0;
    child.once('exit', () => {
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
    });
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      if (seconds === 0) seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, exitCode, signal, timedOut, stderr: stderr.trim() });
    };
    // 'close' comes after 'exit' once stderr is drained, so the message is complete.
    child.once('close', finish);
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      finish(null, null);
    });
  });
}

/** One sentence saying why a command did not succeed, or null when it exited with 0. */
export function failureOf(result: CommandResult, timeoutMs: number): string | null {
  if (result.timedOut) return `killed after the ${Math.round(timeoutMs / 1000)} s limit`;
  if (result.exitCode === 0) return null;
  const status = result.signal ? `signal ${result.signal}` : `exit status ${result.exitCode}`;
  const lastLines = result.stderr.split('\n').slice(-3).join(' | ');
  return `${status}${lastLines ? `: ${lastLines}` : ''}`;
}

/**
 * Flushes dirty pages before a timed run, so writeback left over from the previous
 * transfer does not slow down whichever tool happens to run next.
 */
export function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/** First line a program prints for `args` (stdout or stderr), or 'not found'. */
export function firstLineOf(program: string, args: string[]): string {
  const result = spawnSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) return 'not found';
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0] ?? '';
}
