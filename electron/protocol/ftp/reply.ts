/**
 * An FTP reply (RFC 959 §4.2): a three-digit code and one or more lines of text.
 */

/** One complete reply from the server, decoded with the connection's charset. */
export interface FtpReply {
  /** The three-digit reply code, e.g. 226. */
  code: number;
  /** Every line as received, without the line ending (`226 Transfer complete.`). */
  lines: string[];
}

/** The reply's lines joined with `\n`, as the log and error details show it. */
export function replyText(reply: FtpReply): string {
  return reply.lines.join('\n');
}

/**
 * The reply's words without the code prefixes: `"Transfer complete."` for
 * `226 Transfer complete.`. Multi-line replies are joined with a space.
 */
export function replyMessage(reply: FtpReply): string {
  return reply.lines
    .map((line) => line.replace(/^\d{3}[ -]?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** 1xx: the server started and another reply will follow. */
export function isPreliminary(reply: FtpReply): boolean {
  return reply.code >= 100 && reply.code < 200;
}

/** 2xx: done. */
export function isCompletion(reply: FtpReply): boolean {
  return reply.code >= 200 && reply.code < 300;
}

/** 3xx: accepted, the server waits for the next command of a sequence (PASS, RNTO, ACCT, …). */
export function isIntermediate(reply: FtpReply): boolean {
  return reply.code >= 300 && reply.code < 400;
}

/** 4xx or 5xx: refused or failed. */
export function isFailure(reply: FtpReply): boolean {
  return reply.code >= 400;
}

/** The byte count of a `213 <size>` reply to SIZE; null for any other reply or a malformed number. */
export function sizeFromReply(reply: FtpReply): number | null {
  if (reply.code !== 213) return null;
  const size = Number(/^213\s+(\d+)\s*$/.exec(reply.lines[0] ?? '')?.[1]);
  return Number.isSafeInteger(size) ? size : null;
}
