/**
 * Splits the bytes of a control connection into FTP replies.
 *
 * A reply is `NNN text` or a block that starts `NNN-` and ends with the first line
 * that starts `NNN ` (same code). TCP may split a reply anywhere (even inside a
 * multi-byte character) or bring several replies in one chunk, so the parser works
 * on bytes, splits at LF (CRLF or a bare LF), and decodes each complete line with the
 * connection's charset only then.
 *
 * Memory is bounded on purpose: a hostile or broken server could send an endless
 * line or an endless multi-line reply. One line may hold at most `maxLineBytes`
 * (8 KiB) and one reply at most `maxReplyBytes` (1 MiB); past that `feed` throws a
 * PROTOCOL_ERROR and the caller fails the connection instead of buffering more.
 */
import { FerryError } from '../../../shared/errors';
import type { FtpReply } from './reply';

/** Default cap for one line, in bytes (without its line ending). */
export const MAX_REPLY_LINE_BYTES = 8 * 1024;
/** Default cap for one whole reply, in bytes. */
export const MAX_REPLY_BYTES = 1024 * 1024;

/** Options of {@link ReplyParser}. */
export interface ReplyParserOptions {
  /** Turns one line's bytes into text (the connection's charset). */
  decode: (bytes: Buffer) => string;
  /** Called once per complete reply, in order. */
  onReply: (reply: FtpReply) => void;
  maxLineBytes?: number;
  maxReplyBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Incremental FTP reply parser; see the file comment. */
export class ReplyParser {
  private readonly maxLine: number;
  private readonly maxReply: number;
  /** Bytes of the line not yet ended by LF. */
  private partial: Buffer[] = [];
  private partialLength = 0;
  /** The multi-line reply being collected, if any. */
  private open: { code: number; lines: string[]; bytes: number } | null = null;
  private failed: FerryError | null = null;

  constructor(private readonly options: ReplyParserOptions) {
    this.maxLine = options.maxLineBytes ?? MAX_REPLY_LINE_BYTES;
    this.maxReply = options.maxReplyBytes ?? MAX_REPLY_BYTES;
  }

  /** Bytes held that do not form a complete reply yet (what a TLS upgrade drops). */
  get bufferedBytes(): number {
    return this.partialLength + (this.open?.bytes ?? 0);
  }

  /**
   * Feeds the next chunk. Calls `onReply` for every reply it completes. Throws a
   * PROTOCOL_ERROR when the stream is not FTP replies or breaks a cap; after that
   * the parser refuses further input (the connection must be failed).
   */
  feed(chunk: Buffer): void {
    if (this.failed) throw this.failed;
    try {
      this.consume(chunk);
    } catch (error) {
      this.failed = error instanceof FerryError ? error : new FerryError('PROTOCOL_ERROR', String(error));
      this.partial = [];
      this.partialLength = 0;
      this.open = null;
      throw this.failed;
    }
  }

  /**
   * Forgets everything buffered and returns how many bytes that was. Used when the
   * control connection switches to TLS: bytes that came before the handshake must
   * never be read as replies from the encrypted session.
   */
  reset(): number {
    const dropped = this.bufferedBytes;
    this.partial = [];
    this.partialLength = 0;
    this.open = null;
    return dropped;
  }

  private consume(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const lf = chunk.indexOf(LF, start);
      if (lf === -1) {
        const rest = chunk.length - start;
        // Checked before buffering: an endless line never costs more than the cap.
        // (+1: a CR that ends the line may still be waiting for its LF.)
        if (this.partialLength + rest > this.maxLine + 1) throw this.lineTooLong();
        this.partial.push(chunk.subarray(start));
        this.partialLength += rest;
        return;
      }
      let line = this.takeLine(chunk.subarray(start, lf));
      if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
      if (line.length > this.maxLine) throw this.lineTooLong();
      this.handleLine(line);
      start = lf + 1;
    }
  }

  private takeLine(tail: Buffer): Buffer {
    if (this.partialLength === 0) return tail;
    if (this.partialLength + tail.length > this.maxLine + 1) throw this.lineTooLong();
    const line = Buffer.concat([...this.partial, tail], this.partialLength + tail.length);
    this.partial = [];
    this.partialLength = 0;
    return line;
  }

  private handleLine(bytes: Buffer): void {
    const text = this.options.decode(bytes);
    if (this.open) {
      this.open.bytes += bytes.length + 2;
      if (this.open.bytes > this.maxReply) {
        throw new FerryError(
          'PROTOCOL_ERROR',
          `The server sent a reply larger than ${formatBytes(this.maxReply)}; Ferry closed the connection.`,
        );
      }
      this.open.lines.push(text);
      // The block ends with a line that starts with the same code and a space (or the code alone).
      const code = String(this.open.code);
      if (text.startsWith(code) && (text.length === 3 || text[3] === ' ')) {
        const reply: FtpReply = { code: this.open.code, lines: this.open.lines };
        this.open = null;
        this.options.onReply(reply);
      }
      return;
    }
    // Tolerate blank lines between replies: some servers send an extra line ending.
    if (text.trim() === '') return;
    const match = /^(\d{3})([ -]|$)/.exec(text);
    if (!match) {
      throw new FerryError(
        'PROTOCOL_ERROR',
        'The server sent a line that is not an FTP reply; Ferry closed the connection.',
        truncateForDetail(text),
      );
    }
    const code = Number(match[1]);
    if (match[2] === '-') {
      this.open = { code, lines: [text], bytes: bytes.length + 2 };
      return;
    }
    this.options.onReply({ code, lines: [text] });
  }

  private lineTooLong(): FerryError {
    return new FerryError(
      'PROTOCOL_ERROR',
      `The server sent a reply line longer than ${formatBytes(this.maxLine)}; Ferry closed the connection.`,
    );
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The start of an offending line, for an error's detail (never megabytes of it). */
function truncateForDetail(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
