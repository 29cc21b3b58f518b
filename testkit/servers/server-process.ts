/**
 * Runs one server program for a test: in its own process group (so stop() also ends the
 * sessions it forked), with its output captured for error messages, and killed when the
 * test process goes away so no orphan keeps a port or a temp dir busy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/** What to run. */
export interface ServerCommand {
  /** Short name for messages, e.g. 'vsftpd'. */
  name: string;
  /** Absolute path of the program. */
  command: string;
  args: string[];
  cwd?: string;
  /**
   * A file to connect to the program's fd 0 (read-write). vsftpd writes its start-up
   * errors ("500 OOPS: …") to fd 0, so a file is the only place to catch them.
   */
  stdinFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Also append everything the program prints to this file (a log for debugging tests). */
  outputFile?: string;
  /** Drop to this uid/gid before exec (so the server cannot bypass file permissions as root). */
  runAs?: { uid: number; gid: number };
}

/** A started server program. */
export interface ServerProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout + stderr + the fd-0 file). */
  output(): string;
  /** Set once the process has exited: a sentence with its exit status and output. */
  exitReport(): string | undefined;
  /**
   * Resolves with the first match of `pattern` in the output; rejects with the exit report
   * if the process ends first, or after `timeoutMs`.
   */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** SIGTERM to the whole process group, SIGKILL if it lingers; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Process groups still running, killed when this Node process exits. */
const running = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a SIGKILL to each group is.
  process.on('exit', () => {
    for (const pgid of running) {
      for (const pid of descendantsOf(pgid)) killPid(pid, 'SIGKILL');
      killGroup(pgid, 'SIGKILL');
    }
  });
}

/**
 * Every process below `pid`. sshd puts each connection in its own session (setsid), so
 * killing the server's process group alone would leave logged-in sessions running.
 */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the ')' that ends the command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // Exited while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function killPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts `cmd` and returns at once; readiness is the caller's job (see waitForBanner). */
export function startServerProcess(cmd: ServerCommand): ServerProcess {
  installExitHook();
  const stdinFd = cmd.stdinFile === undefined ? 'ignore' : fs.openSync(cmd.stdinFile, 'w+');
  // setpriv --pdeathsig: the kernel kills the server if this process dies without running
  // its 'exit' handlers (SIGKILL, a crashed worker), so no server outlives its test run.
  const dropPrivileges = cmd.runAs
    ? ['--reuid', String(cmd.runAs.uid), '--regid', String(cmd.runAs.gid), '--clear-groups']
    : [];
  const child = spawn('/usr/bin/setpriv', [...dropPrivileges, '--pdeathsig', 'SIGKILL', '--', cmd.command, ...cmd.args], {
    cwd: cmd.cwd,
    env: cmd.env ?? process.env,
    detached: true, // own process group: stop() signals the server and every session it forked
    stdio: [stdinFd, 'pipe', 'pipe'],
  });
  if (typeof stdinFd === 'number') fs.closeSync(stdinFd);
  let captured = '';
  const capture = (chunk: string): void => {
    captured += chunk;
    if (cmd.outputFile !== undefined) {
      try {
        fs.appendFileSync(cmd.outputFile, chunk);
      } catch {
        // The temp dir is being removed after stop(); the in-memory copy is enough.
      }
    }
  };
  child.stdout?.setEncoding('utf8').on('data', capture);
  child.stderr?.setEncoding('utf8').on('data', capture);
  const pgid = child.pid;
  if (pgid !== undefined) running.add(pgid);

  let report: string | undefined;
  const output = (): string => {
    let fd0 = '';
    if (cmd.stdinFile !== undefined) {
      try {
        fd0 = fs.readFileSync(cmd.stdinFile, 'utf8');
      } catch {
        // Removed with the temp dir already.
      }
    }
    return (captured + fd0).trim();
  };
  const exited = new Promise<void>((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (pgid !== undefined) running.delete(pgid);
      const status = signal ? `signal ${signal}` : `status ${code}`;
      const text = output();
      report = `${cmd.name} exited with ${status}${text ? `: ${text}` : ' and printed nothing'}`;
      resolve();
    };
    child.once('exit', done);
    child.once('error', (error) => {
      captured += `\n${error.message}`;
      done(null, null);
    });
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = captured.match(pattern);
        if (match) {
          cleanup();
          resolve(match);
          return true;
        }
        return false;
      };
      const onExit = (): void => {
        if (!check()) {
          cleanup();
          reject(new Error(report ?? `${cmd.name} exited`));
        }
      };
      const onData = (): void => void check();
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${cmd.name} printed nothing matching ${pattern} within ${timeoutMs} ms: ${output() || '(no output)'}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
      };
      // Our own 'data' listeners above were added first, so `captured` is current here.
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      if (check()) return;
      void exited.then(onExit);
    });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (pgid === undefined || report !== undefined) {
        // The leader is gone but forked sessions may still live in its group.
        if (pgid !== undefined) killGroup(pgid, 'SIGKILL');
        return;
      }
      for (const pid of descendantsOf(pgid)) killPid(pid, 'SIGKILL');
      killGroup(pgid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
      // Sessions (vsftpd, sshd children) share the group; make sure none survive the leader.
      killGroup(pgid, 'SIGKILL');
    })();
    return stopping;
  };

  return { child, output, exitReport: () => report, waitForOutput, exited, stop };
}

/** Wraps an async function so every call after the first returns the first call's promise. */
export function onceAsync(fn: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= fn());
}
