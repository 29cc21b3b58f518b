import { describe, expect, it } from 'vitest';
import { decodeFileZillaPath, encodeFileZillaPath } from './remote-path';

describe("FileZilla's safe remote paths", () => {
  it('decodes Unix paths, root, and segments with spaces', () => {
    expect(decodeFileZillaPath('1 0 3 var 3 www')).toEqual({ ok: true, path: '/var/www' });
    expect(decodeFileZillaPath('1 0')).toEqual({ ok: true, path: '/' });
    expect(decodeFileZillaPath('0 0 9 my folder 1 x')).toEqual({ ok: true, path: '/my folder/x' });
    expect(decodeFileZillaPath('')).toEqual({ ok: true, path: '' });
  });

  it('decodes DOS paths', () => {
    expect(decodeFileZillaPath('3 0 2 C: 3 Web 3 New')).toEqual({ ok: true, path: 'C:\\Web\\New' });
    expect(decodeFileZillaPath('10 0 2 D: 4 data')).toEqual({ ok: true, path: 'D:/data' });
  });

  it('counts characters as code points or, as FileZilla on Windows does, UTF-16 units', () => {
    expect(decodeFileZillaPath('1 0 4 été😀')).toEqual({ ok: true, path: '/été😀' }); // code points
    expect(decodeFileZillaPath('1 0 5 été😀')).toEqual({ ok: true, path: '/été😀' }); // UTF-16 units
  });

  it('reports what it cannot decode', () => {
    expect(decodeFileZillaPath('1 0 12 too short')).toMatchObject({ ok: false });
    expect(decodeFileZillaPath('garbage')).toMatchObject({ ok: false });
    expect(decodeFileZillaPath('2 9 DISK$USER 5 FRANK')).toEqual({ ok: false, reason: 'the remote folder is a VMS path, which Ferry does not support' });
  });

  it('encodes what it decodes', () => {
    for (const path of ['/', '/var/www', '/my folder/ünï', 'C:\\Web\\New', 'D:/data']) {
      const safe = encodeFileZillaPath(path);
      expect(safe).not.toBeNull();
      expect(decodeFileZillaPath(safe!)).toEqual({ ok: true, path });
    }
    expect(encodeFileZillaPath('/var/www')).toBe('1 0 3 var 3 www');
    expect(encodeFileZillaPath('relative/path')).toBeNull();
  });
});
