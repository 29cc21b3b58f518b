/**
 * One interface for remote file systems. FTP/FTPS and SFTP implement it, and
 * everything above (panes, queue, CLI) uses only this.
 */
import type { Readable, Writable } from 'node:stream';
import type { LogLine } from '../../shared/contract/app';
import type { RemoteEntry } from '../../shared/types/remote';

/** How a connection is protected, for the status bar and the insecure banner. */
export interface ConnectionSecurity {
  encrypted: boolean;
  /** e.g. `TLSv1.3` or `SSH-2.0`. */
  protocol?: string;
  cipher?: string;
  /** Set when encryption was wanted and the server refused it (explicit-if-available). */
  downgraded?: boolean;
}

/** Options of {@link RemoteFs.list}. */
export interface ListOptions {
  /** Ask for hidden entries too (`LIST -a` on FTP servers without MLSD). */
  hidden?: boolean;
  signal?: AbortSignal;
}

/** Options of {@link RemoteFs.openRead}. */
export interface ReadOptions {
  /** Start at this byte (resume). */
  offset?: number;
  /** Text files in ASCII mode get line-ending conversion on FTP; ignored by SFTP. */
  mode?: 'binary' | 'ascii';
  signal?: AbortSignal;
  /**
   * The file's size as the caller just saw it in a folder listing. FTP then
   * skips its own SIZE query; the caller must still compare the bytes it
   * received with this size (a file that changed meanwhile shows as a mismatch).
   */
  listedSize?: number;
}

/** Options of {@link RemoteFs.openWrite}. */
export interface WriteOptions {
  /** Write from this byte on (resume); the remote file must already hold `offset` bytes. */
  offset?: number;
  mode?: 'binary' | 'ascii';
  signal?: AbortSignal;
}

/** What {@link RemoteFs.openWrite} returns. */
export interface UploadWritable extends Writable {
  /**
   * After `finish`: the file's size on the server, when the protocol learned it along with
   * the confirmation (FTP sends SIZE together with the end of the upload); null when the
   * server would not say; undefined when it was not asked (then ask with size or stat).
   */
  readonly sizeOnServer?: number | null;
}

/** Server-side checksum result. */
export interface RemoteHash {
  algorithm: 'SHA-256' | 'SHA-1' | 'MD5' | 'CRC32';
  /** Lower-case hex. */
  digest: string;
}

/**
 * A connected remote file system. Paths are absolute remote paths with `/`.
 * Every method rejects with a `FerryError` whose code says what went wrong
 * (`NOT_FOUND`, `PERMISSION_DENIED`, `CONNECTION_LOST`, `TIMEOUT`, …).
 */
export interface RemoteFs {
  readonly protocol: 'ftp' | 'sftp';
  /** How this connection is protected. */
  security(): ConnectionSecurity;
  /** Close politely (QUIT / end); never rejects. */
  close(): Promise<void>;
  /** True until closed or lost. */
  readonly connected: boolean;

  /** The current (after login: home) folder. */
  pwd(): Promise<string>;
  /** Change the current folder; resolves to the new absolute path. */
  cd(path: string): Promise<string>;
  list(path: string, options?: ListOptions): Promise<RemoteEntry[]>;
  /** The entry at `path`, or `null` when nothing is there. */
  stat(path: string): Promise<RemoteEntry | null>;
  /**
   * Optional: the size of the file at `path` by a cheap query (FTP `SIZE`, one
   * reply, where `stat` may have to list the whole folder); `null` when the
   * server will not say.
   */
  size?(path: string): Promise<number | null>;
  mkdir(path: string, options?: { parents?: boolean }): Promise<void>;
  removeFile(path: string): Promise<void>;
  removeDir(path: string, options?: { recursive?: boolean }): Promise<void>;
  /** Rename or move; overwrites an existing target where the protocol allows it. */
  rename(from: string, to: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  setModifiedTime(path: string, mtime: Date): Promise<void>;
  /**
   * A stream of the file's bytes from `offset`. It ends only after the server
   * confirmed the transfer; a failed or short transfer makes it error instead.
   */
  openRead(path: string, options?: ReadOptions): Promise<Readable>;
  /**
   * A stream that writes the file from `offset`. Its `finish` comes only after
   * the server confirmed the transfer; a refusal makes it error instead.
   */
  openWrite(path: string, options?: WriteOptions): Promise<UploadWritable>;
  /** A checksum computed by the server, or `null` when it cannot. */
  hash(path: string): Promise<RemoteHash | null>;
  /**
   * Optional: false when {@link hash} would return `null` without asking the server
   * (it offers no checksum command), so a transfer need not keep the connection for it.
   */
  canHash?(): boolean;
  /** Send a raw command (FTP only; SFTP rejects with `UNSUPPORTED`). */
  raw(command: string): Promise<{ code: number; text: string }>;

  /** Every command, reply and status line, password masked. */
  onLog(listener: (line: LogLine) => void): () => void;
  /** Called once when the connection closes or is lost. */
  onClose(listener: (error?: Error) => void): () => void;
}
