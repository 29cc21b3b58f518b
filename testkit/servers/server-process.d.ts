/**
 * Runs one server program for a test: in its own process group (so stop() also ends the
 * sessions it forked), with its output captured for error messages, and killed when the
 * test process goes away so no orphan keeps a port or a temp dir busy.
 */
import { type ChildProcess } from 'node:child_process';
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
}
/** A started server program. */
export interface ServerProcess {
    child: ChildProcess;
    /** Everything it printed so far (stdout + stderr + the fd-0 file). */
    output(): string;
    /** Set once the process has exited: a sentence with its exit status and output. */
    exitReport(): string | undefined;
    /** Resolves when the process has exited. */
    exited: Promise<void>;
    /** SIGTERM to the whole process group, SIGKILL if it lingers; resolves once it has exited. */
    stop(): Promise<void>;
}
/** Starts `cmd` and returns at once; readiness is the caller's job (see waitForBanner). */
export declare function startServerProcess(cmd: ServerCommand): ServerProcess;
