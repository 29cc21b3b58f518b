import { describe, expect, it } from 'vitest';
import { remoteUrl } from './remote-url';

describe('remoteUrl', () => {
  it('builds ftp:// and sftp:// addresses with the user and a non-default port', () => {
    expect(remoteUrl({ protocol: 'ftp', host: '127.0.0.1', port: 2121, user: 'anna' }, '/site/index.html')).toBe(
      'ftp://anna@127.0.0.1:2121/site/index.html',
    );
    expect(remoteUrl({ protocol: 'sftp', host: 'example.com', port: 22, user: 'deploy' }, '/')).toBe('sftp://deploy@example.com/');
    expect(remoteUrl({ protocol: 'ftp', host: 'example.com', port: 21, user: 'anonymous' }, '/pub')).toBe('ftp://example.com/pub');
  });

  it('percent-encodes the user and each path segment, and brackets IPv6 hosts', () => {
    expect(remoteUrl({ protocol: 'ftp', host: '::1', port: 21, user: 'me@work' }, '/a b/ü#1.txt')).toBe('ftp://me%40work@[::1]/a%20b/%C3%BC%231.txt');
  });
});
