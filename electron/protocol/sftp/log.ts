/**
 * The activity log of one SFTP connection. Lines written while connecting (host key
 * fingerprint, auth method) happen before anyone can subscribe to the RemoteFs, so they
 * are kept and replayed to each new listener (only those: later lines are not kept).
 *
 * Security: banners, error texts and names come from the server; control characters are
 * escaped so a server cannot forge log lines or drive a terminal running the CLI.
 */
import type { LogLine } from '../../../shared/contract/app';
import { escapeControl } from '../log-text';

/** How many connect-time lines are kept for replay. */
const HISTORY_LIMIT = 100;

/** Fans log lines out to listeners; never throws into the engine. */
export class SftpLog {
  private readonly listeners = new Set<(line: LogLine) => void>();
  private readonly history: LogLine[] = [];
  private recording = true;

  /** `source` names the connection, e.g. `sftp 127.0.0.1:22`. */
  constructor(readonly source: string) {}

  /** Adds a listener (after replaying the connect-time lines); returns the remover. */
  listen(listener: (line: LogLine) => void): () => void {
    for (const line of this.history) safeCall(listener, line);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops recording lines for replay (once connected); the connect-time lines stay. */
  freezeHistory(): void {
    this.recording = false;
  }

  write(level: LogLine['level'], text: string): void {
    const line: LogLine = { time: Date.now(), level, source: this.source, text: escapeControl(text) };
    if (this.recording && this.history.length < HISTORY_LIMIT) this.history.push(line);
    for (const listener of this.listeners) safeCall(listener, line);
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

function safeCall(listener: (line: LogLine) => void, line: LogLine): void {
  try {
    listener(line);
  } catch {
    // A broken listener must not break the connection.
  }
}


/** `sftp 127.0.0.1:22` or `sftp [::1]:22`. */
export function sftpLogSource(host: string, port: number): string {
  return `sftp ${host.includes(':') ? `[${host}]` : host}:${port}`;
}
