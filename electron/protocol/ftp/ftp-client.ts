/**
 * A logged-in FTP/FTPS connection as a `RemoteFs`, plus FTP extras for the
 * transfer engine. Every operation runs as one task on the control connection's
 * queue, so operations from several callers never interleave on the wire.
 */
import type { Readable, Writable } from 'node:stream';
import type { LogLine } from '../../../shared/contract/app';
import { FerryError } from '../../../shared/errors';
import type { RemoteEntry } from '../../../shared/types/remote';
import type { ConnectionSecurity, ListOptions, ReadOptions, RemoteFs, RemoteHash, UploadWritable, WriteOptions } from '../remote-fs';
import { ftpCommand, rawCommand } from './command';
import type { DataChannelCommand } from './data-channel';
import { openDownload } from './download';
import type { FeatureSet, FtpCapabilities } from './features';
import { offersHash, remoteHash } from './hash';
import type { KeepAlive } from './keep-alive';
import { listFolder } from './list-folder';
import { parseMlstEntry } from './listing';
import { isCompletion, replyText, sizeFromReply } from './reply';
import { errorFromReply } from './reply-errors';
import { baseName, parentOf, parsePwdReply, resolveRemotePath, type FtpSession } from './session';
import { openUpload } from './upload';

/** What an FTP connection offers beyond `RemoteFs`. */
export interface FtpExtras {
  /** The FEAT set: feature name (upper case) → parameters. */
  features(): FeatureSet;
  /** The SYST text (`UNIX Type: L8`), or null when refused. */
  system(): string | null;
  /** What the server supports (MLSD, SIZE, MDTM, MFMT, REST STREAM, UTF8, hash algorithms). */
  capabilities(): FtpCapabilities;
  /** The command that opened the last data connection (EPSV, PASV, EPRT, PORT), null before any. */
  dataChannel(): DataChannelCommand | null;
  /** SIZE: the size in bytes, or null when the server does not support SIZE. NOT_FOUND when missing. */
  size(path: string): Promise<number | null>;
  /** MDTM: the modification time (UTC), or null when the server does not support MDTM. NOT_FOUND when missing. */
  modifiedTime(path: string): Promise<Date | null>;
}

/** Verbs `raw()` refuses: they would break the engine's own state (TLS, login, data connections, transfer state). */
const RAW_REFUSED = new Set([
  'AUTH', 'CCC', 'PBSZ', 'PROT', 'REIN', 'USER', 'PASS', 'ACCT', 'QUIT', 'PORT', 'EPRT', 'PASV', 'EPSV', 'LPRT', 'LPSV',
  'REST', 'RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD', 'ABOR', 'MODE', 'STRU',
]);

/** Deepest folder nesting `removeDir({ recursive: true })` follows (a server could loop forever). */
const MAX_REMOVE_DEPTH = 256;

/** See the file comment. Made by `connectFtp`. */
export class FtpClient implements RemoteFs, FtpExtras {
  readonly protocol = 'ftp' as const;
  private cwd: string;

  constructor(
    private readonly session: FtpSession,
    private readonly info: { system: string | null; downgraded: boolean; initialDir: string },
    private readonly keepAlive: KeepAlive | null,
  ) {
    this.cwd = info.initialDir;
    session.ctl.onClose(() => keepAlive?.stop());
  }

  get connected(): boolean {
    return this.session.ctl.isOpen;
  }

  security(): ConnectionSecurity {
    const socket = this.session.ctl.secureSocket;
    const security: ConnectionSecurity = { encrypted: socket !== null };
    if (socket) {
      const protocol = socket.getProtocol();
      if (protocol) security.protocol = protocol;
      const cipher = socket.getCipher()?.name;
      if (cipher) security.cipher = cipher;
    }
    if (this.info.downgraded) security.downgraded = true;
    return security;
  }

  async close(): Promise<void> {
    this.keepAlive?.stop();
    const ctl = this.session.ctl;
    if (!ctl.isOpen) return;
    // A running transfer holds the connection: close at once rather than wait for it.
    if (ctl.queue.busy) ctl.close();
    else await ctl.run(() => ctl.quit());
  }

  async pwd(): Promise<string> {
    this.session.ctl.assertOpen();
    return this.cwd;
  }

  async cd(path: string): Promise<string> {
    const target = this.resolve(path);
    return this.task(async () => {
      const reply = await this.session.ctl.command(ftpCommand('CWD', target));
      if (!isCompletion(reply)) throw errorFromReply(reply, `open the folder ${target}`, 'read');
      const pwd = await this.session.ctl.command(ftpCommand('PWD'));
      const dir = (isCompletion(pwd) ? parsePwdReply(replyText(pwd)) : null) ?? target;
      this.session.serverDir = dir;
      this.cwd = dir;
      return dir;
    });
  }

  async list(path: string, options: ListOptions = {}): Promise<RemoteEntry[]> {
    const target = this.resolve(path);
    return this.task(() => listFolder(this.session, target, options));
  }

  async stat(path: string): Promise<RemoteEntry | null> {
    const target = this.resolve(path);
    return this.task(async () => {
      if (this.session.capabilities.mlsd) {
        const reply = await this.session.ctl.command(ftpCommand('MLST', target));
        if (isCompletion(reply)) {
          // `250-Listing /a` / ` type=file;size=3; /a` / `250 End`: the fact line sits in the middle.
          const factLine = reply.lines.slice(1, -1).find((line) => line.trim() !== '');
          const entry = factLine === undefined ? null : parseMlstEntry(factLine);
          if (entry) return entry;
          this.session.log.warning(`Could not read the MLST reply for ${target}; listing its folder instead.`);
        } else if (reply.code === 550 || reply.code === 450) {
          return null;
        } else if (reply.code < 500) {
          throw errorFromReply(reply, `look up ${target}`, 'read');
        }
      }
      if (target === '/') return rootEntry();
      try {
        const entries = await listFolder(this.session, parentOf(target), { hidden: true });
        return entries.find((entry) => entry.name === baseName(target)) ?? null;
      } catch (error) {
        if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    });
  }

  async mkdir(path: string, options: { parents?: boolean } = {}): Promise<void> {
    const target = this.resolve(path);
    return this.task(async () => {
      if (!options.parents) return this.makeDir(target);
      if (await this.isDir(target)) return;
      const parts = target.split('/').filter((part) => part !== '');
      let prefix = '';
      for (const part of parts) {
        prefix += `/${part}`;
        if (await this.isDir(prefix)) continue;
        await this.makeDir(prefix);
      }
    });
  }

  async removeFile(path: string): Promise<void> {
    const target = this.resolve(path);
    return this.task(() => this.deleteFile(target));
  }

  async removeDir(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    const target = this.resolve(path);
    if (target === '/') throw new FerryError('INVALID_INPUT', 'Ferry does not remove the root folder.');
    return this.task(() => (options.recursive ? this.removeTree(target, 0) : this.removeEmptyDir(target)));
  }

  async rename(from: string, to: string): Promise<void> {
    const source = this.resolve(from);
    const target = this.resolve(to);
    return this.task(async () => {
      // Both commands go out together, in one write: one round trip instead of two (an upload through a
      // temporary name ends with this rename). When RNFR is refused, the server answers
      // the RNTO with 503 (bad sequence) and renames nothing; both replies are read, so
      // the connection stays in step.
      const ctl = this.session.ctl;
      ctl.send(ftpCommand('RNFR', source), ftpCommand('RNTO', target));
      const rnfr = await ctl.finalReply('RNFR');
      const rnto = await ctl.finalReply('RNTO');
      if (rnfr.code !== 350) throw errorFromReply(rnfr, `rename ${source}`, 'read');
      if (!isCompletion(rnto)) throw errorFromReply(rnto, `rename ${source} to ${target}`, 'create');
    });
  }

  async chmod(path: string, mode: number): Promise<void> {
    const target = this.resolve(path);
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
      throw new FerryError('INVALID_INPUT', `${mode} is not a valid permission mode.`);
    }
    return this.task(async () => {
      const reply = await this.session.ctl.command(ftpCommand('SITE', `CHMOD ${mode.toString(8).padStart(3, '0')} ${target}`));
      if (!isCompletion(reply)) throw errorFromReply(reply, `change the permissions of ${target}`, 'read');
    });
  }

  async setModifiedTime(path: string, mtime: Date): Promise<void> {
    const target = this.resolve(path);
    if (Number.isNaN(mtime.getTime())) throw new FerryError('INVALID_INPUT', 'The modification time is not a valid date.');
    return this.task(async () => {
      if (!this.session.capabilities.mfmt) {
        throw new FerryError('UNSUPPORTED', 'The server cannot set modification times (it does not offer MFMT).');
      }
      const reply = await this.session.ctl.command(ftpCommand('MFMT', `${formatFtpTime(mtime)} ${target}`));
      if (!isCompletion(reply)) throw errorFromReply(reply, `set the modification time of ${target}`, 'read');
    });
  }

  async openRead(path: string, options?: ReadOptions): Promise<Readable> {
    const target = this.resolve(path);
    this.keepAlive?.activity();
    return openDownload(this.session, target, options);
  }

  async openWrite(path: string, options?: WriteOptions): Promise<UploadWritable> {
    const target = this.resolve(path);
    this.keepAlive?.activity();
    return openUpload(this.session, target, options);
  }

  async hash(path: string): Promise<RemoteHash | null> {
    const target = this.resolve(path);
    return this.task(() => remoteHash(this.session, target));
  }

  canHash(): boolean {
    return offersHash(this.session);
  }

  async raw(command: string): Promise<{ code: number; text: string }> {
    const parsed = rawCommand(command);
    if (RAW_REFUSED.has(parsed.verb)) {
      throw new FerryError('INVALID_INPUT', `Ferry does not send ${parsed.verb} as a raw command: it would break the connection's state. Use the matching operation instead.`);
    }
    return this.task(async () => {
      const reply = await this.session.ctl.command(parsed);
      // The command may have changed server state Ferry tracks: forget it.
      if (['CWD', 'CDUP', 'XCWD', 'XCUP'].includes(parsed.verb)) this.session.serverDir = null;
      if (parsed.verb === 'TYPE') this.session.transferType = null;
      if (parsed.verb === 'OPTS') this.session.hashSelected = undefined;
      return { code: reply.code, text: replyText(reply) };
    });
  }

  onLog(listener: (line: LogLine) => void): () => void {
    return this.session.log.listen(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.session.ctl.onClose(listener);
  }

  features(): FeatureSet {
    return this.session.features;
  }

  system(): string | null {
    return this.info.system;
  }

  capabilities(): FtpCapabilities {
    return { ...this.session.capabilities, hashAlgorithms: [...this.session.capabilities.hashAlgorithms] };
  }

  dataChannel(): DataChannelCommand | null {
    return this.session.data.lastUsed;
  }

  async size(path: string): Promise<number | null> {
    const target = this.resolve(path);
    return this.task(async () => {
      const reply = await this.session.ctl.command(ftpCommand('SIZE', target));
      if (reply.code === 213) return sizeFromReply(reply);
      if (reply.code === 500 || reply.code === 502) return null;
      throw errorFromReply(reply, `get the size of ${target}`, 'read');
    });
  }

  async modifiedTime(path: string): Promise<Date | null> {
    const target = this.resolve(path);
    return this.task(async () => {
      const reply = await this.session.ctl.command(ftpCommand('MDTM', target));
      if (reply.code === 213) return parseFtpTime(reply.lines[0]?.slice(4).trim() ?? '');
      if (reply.code === 500 || reply.code === 502) return null;
      throw errorFromReply(reply, `get the modification time of ${target}`, 'read');
    });
  }

  /** Runs `work` as one task on the connection (see the file comment). */
  private task<T>(work: () => Promise<T>): Promise<T> {
    this.keepAlive?.activity();
    return this.session.ctl.run(async () => {
      this.session.ctl.assertOpen();
      return work();
    });
  }

  /** The absolute path for `path`; throws INVALID_INPUT (every caller is async, so it becomes a rejection). */
  private resolve(path: string): string {
    return resolveRemotePath(this.cwd, path);
  }

  private async makeDir(target: string): Promise<void> {
    const reply = await this.session.ctl.command(ftpCommand('MKD', target));
    if (!isCompletion(reply)) throw errorFromReply(reply, `create the folder ${target}`, 'create');
  }

  /** Whether `target` is a folder (CWD succeeds); moves the server's current folder. */
  private async isDir(target: string): Promise<boolean> {
    const reply = await this.session.ctl.command(ftpCommand('CWD', target));
    this.session.serverDir = isCompletion(reply) ? target : null;
    if (isCompletion(reply)) return true;
    if (reply.code >= 500 || reply.code === 450) return false;
    throw errorFromReply(reply, `open the folder ${target}`, 'read');
  }

  private async deleteFile(target: string): Promise<void> {
    const reply = await this.session.ctl.command(ftpCommand('DELE', target));
    if (!isCompletion(reply)) throw errorFromReply(reply, `delete ${target}`, 'read');
  }

  private async removeEmptyDir(target: string): Promise<void> {
    // A server may refuse to remove the folder it is in.
    if (this.session.serverDir === target || this.session.serverDir?.startsWith(`${target}/`)) await this.leave(target);
    const reply = await this.session.ctl.command(ftpCommand('RMD', target));
    if (!isCompletion(reply)) throw errorFromReply(reply, `remove the folder ${target}`, 'read');
  }

  private async leave(target: string): Promise<void> {
    const parent = parentOf(target);
    const reply = await this.session.ctl.command(ftpCommand('CWD', parent));
    this.session.serverDir = isCompletion(reply) ? parent : null;
  }

  /** Deletes a folder and everything in it. Links are deleted, never followed. */
  private async removeTree(target: string, depth: number): Promise<void> {
    if (depth > MAX_REMOVE_DEPTH) {
      throw new FerryError('PROTOCOL_ERROR', `Folders nest deeper than ${MAX_REMOVE_DEPTH} levels under ${target}; Ferry stopped removing.`);
    }
    const entries = await listFolder(this.session, target, { hidden: true });
    for (const entry of entries) {
      const child = target === '/' ? `/${entry.name}` : `${target}/${entry.name}`;
      if (entry.kind === 'dir') await this.removeTree(child, depth + 1);
      else await this.deleteFile(child);
    }
    await this.removeEmptyDir(target);
  }
}

/** The root folder as an entry (servers without MLST cannot describe it). */
function rootEntry(): RemoteEntry {
  return { name: '/', kind: 'dir', size: null, mtime: null, mtimePrecision: null, permissions: null, mode: null, owner: null, group: null };
}

/** `YYYYMMDDHHMMSS` in UTC, as MFMT wants it. */
export function formatFtpTime(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/** Reads `YYYYMMDDHHMMSS[.sss]` (UTC, RFC 3659) into a Date; null when malformed. */
export function parseFtpTime(text: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  return Number.isNaN(time) ? null : new Date(time);
}
