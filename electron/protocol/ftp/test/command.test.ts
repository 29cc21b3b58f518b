import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../../shared/errors';
import { assertSafeArgument, ftpCommand, rawCommand } from '../command';
import { FtpLog } from '../log';

describe('ftpCommand', () => {
  it('builds the line and upper-cases the verb', () => {
    expect(ftpCommand('retr', '/a b.txt')).toEqual({ verb: 'RETR', line: 'RETR /a b.txt', logText: 'RETR /a b.txt' });
    expect(ftpCommand('PWD').line).toBe('PWD');
  });

  it.each([
    ['a\r\nDELE important', 'a carriage return'],
    ['a\nDELE important', 'a line feed'],
    ['a\0b', 'a NUL character'],
  ])('refuses an argument with CR, LF or NUL: %j', (argument, what) => {
    let error: unknown;
    try {
      ftpCommand('DELE', argument);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FerryError);
    expect((error as FerryError).code).toBe('INVALID_INPUT');
    expect((error as FerryError).message).toContain(what);
    // The message shows the refused text escaped, never a raw line break.
    expect((error as FerryError).message).not.toMatch(/[\r\n\0]/);
  });

  it('refuses a verb that is not a word', () => {
    expect(() => ftpCommand('RE TR')).toThrow(FerryError);
    expect(() => ftpCommand('')).toThrow(FerryError);
  });

  it('masks the password and the account in logText', () => {
    expect(ftpCommand('PASS', 'hunter2')).toEqual({ verb: 'PASS', line: 'PASS hunter2', logText: 'PASS ****' });
    expect(ftpCommand('ACCT', 'secret-acct').logText).toBe('ACCT ****');
  });

  it('does not echo a password with a line break in the error', () => {
    let message = '';
    try {
      ftpCommand('PASS', 'hunter2\r\nDELE x');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/carriage return/);
    expect(message).not.toContain('hunter2');
  });

  it('rawCommand splits verb and argument and applies the same checks', () => {
    expect(rawCommand('site chmod 644 a.txt')).toMatchObject({ verb: 'SITE', line: 'SITE chmod 644 a.txt' });
    expect(() => rawCommand('NOOP\r\nDELE x')).toThrow(/carriage return/);
    expect(() => assertSafeArgument('fine name')).not.toThrow();
  });
});

describe('FtpLog', () => {
  it('escapes control characters so a server cannot forge log lines', () => {
    const log = new FtpLog('ftp 127.0.0.1:21');
    const lines: string[] = [];
    log.listen((line) => lines.push(line.text));
    log.write('response', '550 a\r\n200 forged\u001b[31m');
    expect(lines).toEqual(['550 a\\r\\n200 forged\\x1b[31m']);
  });
});
