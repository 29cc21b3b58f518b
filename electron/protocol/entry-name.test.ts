import { describe, expect, it } from 'vitest';
import { escapeEntryName, validateEntryName } from './entry-name';

describe('validateEntryName', () => {
  it.each(['file.txt', ' leading space', 'trailing space ', 'Grüße 日本語 😀', '...', '.hidden', 'a..b', 'semi;colon', '\u00a0nbsp', 'x\u0085y'])(
    'accepts %j',
    (name) => {
      expect(validateEntryName(name)).toEqual({ ok: true });
    },
  );

  it.each([
    ['', 'empty'],
    ['.', '"."'],
    ['..', '".."'],
    ['a/b', '"/"'],
    ['../x', '"/"'],
    ['/', '"/"'],
    ['a\\b', '"\\"'],
    ['nul\0', 'NUL'],
    ['x\r\nDELE y', '\\r'],
    ['line\nbreak', '\\n'],
    ['tab\there', '\\t'],
    ['esc\u001b[2J', '\\x1B'],
    ['del\u007f', '\\x7F'],
  ])('refuses %j', (name, inReason) => {
    const check = validateEntryName(name);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(inReason);
  });
});

describe('escapeEntryName', () => {
  it('leaves ordinary names alone', () => {
    expect(escapeEntryName('Grüße 日本語 😀.txt')).toBe('Grüße 日本語 😀.txt');
  });

  it('escapes control characters so a name cannot forge log lines or drive a terminal', () => {
    expect(escapeEntryName('x\r\nDELE y')).toBe('x\\r\\nDELE y');
    expect(escapeEntryName('a\0b\tc\u001b[31m\u007f')).toBe('a\\0b\\tc\\x1B[31m\\x7F');
    expect(escapeEntryName('c1\u0085')).toBe('c1\\x85');
  });

  it('escapes bidirectional overrides and line separators', () => {
    expect(escapeEntryName('invoice\u202Etxt.exe')).toBe('invoice\\u{202E}txt.exe');
    expect(escapeEntryName('a\u2028b')).toBe('a\\u{2028}b');
    expect(escapeEntryName('lone\ud800')).toBe('lone\\u{D800}');
  });

  it('doubles backslashes so escapes are unambiguous', () => {
    expect(escapeEntryName('a\\nb')).toBe('a\\\\nb');
    expect(escapeEntryName('a\nb')).not.toBe(escapeEntryName('a\\nb'));
  });
});
