/**
 * The activity log of one FTP connection: commands (password masked), replies,
 * status lines, warnings and errors, as shared `LogLine`s.
 *
 * Security: replies, listings and names come from the server; control characters in
 * them are escaped before they reach the log, so a server cannot forge log lines or
 * send escape sequences to a terminal running the CLI.
 */
import type { LogLine } from '../../../shared/contract/app';
import { escapeControl } from '../log-text';

/** A log line's level. */
export type LogLevel = LogLine['level'];

/** Fans log lines out to listeners; never throws into the engine. */
export class FtpLog {
  private readonly listeners = new Set<(line: LogLine) => void>();

  /** `source` names the connection, e.g. `ftp 127.0.0.1:2121`. */
  constructor(readonly source: string) {}

  /** Adds a listener; returns a function that removes it. */
  listen(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes one line (control characters escaped). */
  write(level: LogLevel, text: string): void {
    if (this.listeners.size === 0) return;
    const line: LogLine = { time: Date.now(), level, source: this.source, text: escapeControl(text) };
    for (const listener of this.listeners) {
      try {
        listener(line);
      } catch {
        // A broken listener must not break the connection.
      }
    }
  }

  status(text: string): void {
    this.write('status', text);
  }
  warning(text: string): void {
    this.write('warning', text);
  }
  error(text: string): void {
    this.write('error', text);
  }
}


/** `ftp 127.0.0.1:21` or `ftp [::1]:21`. */
export function logSource(host: string, port: number, scheme = 'ftp'): string {
  return `${scheme} ${host.includes(':') ? `[${host}]` : host}:${port}`;
}
