import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../../shared/errors';
import type { FtpReply } from '../reply';
import { replyMessage, replyText } from '../reply';
import { MAX_REPLY_BYTES, MAX_REPLY_LINE_BYTES, ReplyParser } from '../reply-parser';

function parserCollecting(options: { maxLineBytes?: number; maxReplyBytes?: number } = {}) {
  const replies: FtpReply[] = [];
  const parser = new ReplyParser({ decode: (b) => b.toString('utf8'), onReply: (r) => replies.push(r), ...options });
  return { parser, replies };
}

function catchError(fn: () => void): FerryError {
  try {
    fn();
  } catch (error) {
    return error as FerryError;
  }
  throw new Error('expected an error');
}

describe('ReplyParser', () => {
  it('reads a single-line reply', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('220 Welcome\r\n'));
    expect(replies).toEqual([{ code: 220, lines: ['220 Welcome'] }]);
  });

  it('reads a multi-line reply up to the line with the same code and a space', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('211-Features:\r\n MLST type*;size*;\r\n211-not the end\r\n 220 also not\r\n211 End\r\n'));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.code).toBe(211);
    expect(replies[0]?.lines).toEqual(['211-Features:', ' MLST type*;size*;', '211-not the end', ' 220 also not', '211 End']);
  });

  it('reads a reply fed one byte at a time, including a multi-byte character split across chunks', () => {
    const { parser, replies } = parserCollecting();
    const bytes = Buffer.from('230-Grüße 日本\r\n230 Logged in\r\n257 "/ü" ok\r\n');
    for (const byte of bytes) parser.feed(Buffer.from([byte]));
    expect(replies.map(replyText)).toEqual(['230-Grüße 日本\n230 Logged in', '257 "/ü" ok']);
  });

  it('reads several replies from one chunk, in order', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('150 Opening\r\n226 Done\r\n200 NOOP ok\r\n'));
    expect(replies.map((r) => r.code)).toEqual([150, 226, 200]);
  });

  it('accepts a bare LF as the line end and a code with no text', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('200 ok\n226\n'));
    expect(replies).toEqual([
      { code: 200, lines: ['200 ok'] },
      { code: 226, lines: ['226'] },
    ]);
  });

  it('keeps a CR at a chunk end until the LF comes', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('200 ok\r'));
    expect(replies).toHaveLength(0);
    parser.feed(Buffer.from('\n'));
    expect(replies.map(replyText)).toEqual(['200 ok']);
  });

  it('fails with PROTOCOL_ERROR as soon as a line passes 8 KiB, before it ends', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from(`220 ${'x'.repeat(MAX_REPLY_LINE_BYTES - 10)}`));
    const error = catchError(() => parser.feed(Buffer.from('y'.repeat(100))));
    expect(error).toBeInstanceOf(FerryError);
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toMatch(/longer than 8 KiB/);
    expect(replies).toHaveLength(0);
    // Nothing is kept after the failure, and further input is refused.
    expect(parser.bufferedBytes).toBe(0);
    expect(catchError(() => parser.feed(Buffer.from('200 ok\r\n'))).code).toBe('PROTOCOL_ERROR');
  });

  it('accepts a line of exactly 8 KiB', () => {
    const { parser, replies } = parserCollecting();
    const line = `200 ${'x'.repeat(MAX_REPLY_LINE_BYTES - 4)}`;
    parser.feed(Buffer.from(`${line}\r\n`));
    expect(replies[0]?.lines[0]).toBe(line);
  });

  it('never buffers more than the line cap while a 10 MB line streams in', () => {
    const { parser } = parserCollecting();
    parser.feed(Buffer.from('220 '));
    let failedAt = -1;
    const chunk = Buffer.alloc(1024, 0x41);
    for (let i = 0; i < 10 * 1024; i++) {
      try {
        parser.feed(chunk);
      } catch {
        failedAt = i;
        break;
      }
      expect(parser.bufferedBytes).toBeLessThanOrEqual(MAX_REPLY_LINE_BYTES + 1);
    }
    expect(failedAt).toBeGreaterThanOrEqual(0);
    expect(failedAt).toBeLessThan(16);
  });

  it('fails with PROTOCOL_ERROR when one multi-line reply passes 1 MiB', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('211-start\r\n'));
    const line = Buffer.from(` ${'f'.repeat(1000)}\r\n`);
    let error: FerryError | null = null;
    for (let i = 0; i < 2000 && !error; i++) {
      try {
        parser.feed(line);
      } catch (e) {
        error = e as FerryError;
      }
    }
    expect(error?.code).toBe('PROTOCOL_ERROR');
    expect(error?.message).toMatch(/larger than 1 MiB/);
    expect(replies).toHaveLength(0);
  });

  it('accepts a multi-line reply just under 1 MiB', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('211-start\r\n'));
    const line = ` ${'f'.repeat(1000)}\r\n`;
    const count = Math.floor((MAX_REPLY_BYTES - 100) / line.length) - 1;
    parser.feed(Buffer.from(line.repeat(count)));
    parser.feed(Buffer.from('211 End\r\n'));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.lines).toHaveLength(count + 2);
  });

  it('refuses a line that is not a reply', () => {
    const { parser } = parserCollecting();
    const error = catchError(() => parser.feed(Buffer.from('hello there\r\n')));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.detail).toBe('hello there');
  });

  it('skips blank lines between replies', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('\r\n200 ok\r\n\r\n'));
    expect(replies.map((r) => r.code)).toEqual([200]);
  });

  it('reset() drops buffered bytes and reports how many', () => {
    const { parser, replies } = parserCollecting();
    parser.feed(Buffer.from('230 injected'));
    expect(parser.reset()).toBe('230 injected'.length);
    parser.feed(Buffer.from('\r\n200 ok\r\n'));
    // The tail of the dropped line is blank, then only the new reply counts.
    expect(replies.map((r) => r.code)).toEqual([200]);
  });

  it('replyMessage strips the codes', () => {
    expect(replyMessage({ code: 550, lines: ['550-No', '550 such file'] })).toBe('No such file');
  });
});
