import { describe, expect, it } from 'vitest';
import type { FtpReply } from '../reply';
import { errorFromReply, FtpReplyError } from '../reply-errors';

const reply = (text: string): FtpReply => ({ code: Number(text.slice(0, 3)), lines: [text] });

describe('errorFromReply', () => {
  it.each([
    ['530 Login incorrect.', 'other', 'AUTH_FAILED'],
    ['530 Non-anonymous sessions must use encryption.', 'other', 'TLS_REQUIRED'],
    ['421 Timeout.', 'other', 'CONNECTION_LOST'],
    ['425 Can\'t open data connection.', 'read', 'CONNECTION_REFUSED'],
    ['426 Connection closed; transfer aborted.', 'read', 'CONNECTION_LOST'],
    ['450 File busy.', 'read', 'LOCKED'],
    ['451 Failure writing network stream.', 'read', 'CONNECTION_LOST'],
    ['452 Insufficient storage.', 'create', 'ENOSPC'],
    ['552 Exceeded storage allocation.', 'create', 'ENOSPC'],
    ['500 Unknown command.', 'other', 'UNSUPPORTED'],
    ['502 Command not implemented.', 'other', 'UNSUPPORTED'],
    ['501 Syntax error.', 'other', 'INVALID_INPUT'],
    ['550 No such file or directory.', 'read', 'NOT_FOUND'],
    ['550 /x: No such file or directory', 'create', 'NOT_FOUND'],
    ['550 Permission denied.', 'read', 'PERMISSION_DENIED'],
    ['550 Failed to open file.', 'read', 'NOT_FOUND'],
    ['550 Create directory operation failed.', 'create', 'PERMISSION_DENIED'],
    ['553 Could not create file.', 'create', 'PERMISSION_DENIED'],
    ['522 SSL connection failed: session reuse required', 'read', 'TLS_REQUIRED'],
    ['534 Policy requires SSL.', 'other', 'TLS_REQUIRED'],
    ['504 Command not implemented for that parameter.', 'other', 'UNSUPPORTED'],
  ] as const)('%s (%s) → %s', (text, action, code) => {
    const error = errorFromReply(reply(text), 'do it', action);
    expect(error).toBeInstanceOf(FtpReplyError);
    expect(error.code).toBe(code);
    expect(error.replyCode).toBe(Number(text.slice(0, 3)));
    expect(error.detail).toBe(text);
    expect(error.message).toMatch(/^Could not do it: /);
  });

  it('puts every line of a multi-line reply in detail', () => {
    const error = errorFromReply({ code: 550, lines: ['550-No', '550 such file'] }, 'download /a', 'read');
    expect(error.detail).toBe('550-No\n550 such file');
    expect(error.message).toBe('Could not download /a: the server says it does not exist (550 No such file)');
  });
});
