import { describe, expect, it } from 'vitest';
import { isServerAddress, parseServerAddress } from './url';

describe('parseServerAddress', () => {
  it('reads each scheme with its encryption and default port', () => {
    expect(parseServerAddress('ftp://h/')).toMatchObject({ protocol: 'ftp', encryption: 'explicit-if-available', port: 21, path: '/' });
    expect(parseServerAddress('ftpes://h')).toMatchObject({ protocol: 'ftp', encryption: 'require-explicit', port: 21 });
    expect(parseServerAddress('ftps://h')).toMatchObject({ protocol: 'ftp', encryption: 'implicit', port: 990 });
    expect(parseServerAddress('sftp://h')).toMatchObject({ protocol: 'sftp', port: 22 });
  });
  it('takes user, password, port and a %-encoded path', () => {
    expect(parseServerAddress('ftp://me:p%40ss@127.0.0.1:2121/var/www/My%20Site/')).toEqual({
      kind: 'url',
      protocol: 'ftp',
      encryption: 'explicit-if-available',
      host: '127.0.0.1',
      port: 2121,
      user: 'me',
      password: 'p@ss',
      path: '/var/www/My Site',
      trailingSlash: true,
    });
  });
  it('reads IPv6 literals', () => {
    expect(parseServerAddress('ftp://[::1]:2121/a')).toMatchObject({ host: '::1', port: 2121, path: '/a', trailingSlash: false });
  });
  it('keeps site references for the site tree to resolve', () => {
    expect(parseServerAddress('site:Work/Web server/htdocs/')).toEqual({ kind: 'site', reference: 'Work/Web server/htdocs/' });
  });
  it('explains what is wrong', () => {
    expect(() => parseServerAddress('http://h/')).toThrow(/Use ftp, ftpes, ftps or sftp/);
    expect(() => parseServerAddress('not a url')).toThrow(/not a server address/);
    expect(() => parseServerAddress('ftp://h/%E0%A4%A')).toThrow(/broken %-escape/);
    expect(() => parseServerAddress('site:')).toThrow(/Name the site/);
  });
  it('tells server addresses from local paths', () => {
    expect(isServerAddress('sftp://h/x')).toBe(true);
    expect(isServerAddress('site:x')).toBe(true);
    expect(isServerAddress('./ftp://x')).toBe(false);
    expect(isServerAddress('/tmp/file')).toBe(false);
  });
});
