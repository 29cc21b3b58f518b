import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseHostHeader } from './loopback';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]'])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['0.0.0.0', '10.0.0.1', '128.0.0.1', 'example.com', '127.0.0.1.nip.io', 'localhost.example', '::', ''])(
    'refuses %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('parseHostHeader', () => {
  it('splits names, IPv4 and bracketed IPv6 with ports', () => {
    expect(parseHostHeader('127.0.0.1:4000')).toEqual({ hostname: '127.0.0.1', port: '4000' });
    expect(parseHostHeader('[::1]:4000')).toEqual({ hostname: '[::1]', port: '4000' });
    expect(parseHostHeader('localhost')).toEqual({ hostname: 'localhost', port: '80' });
  });
  it('rejects malformed headers', () => {
    expect(parseHostHeader(undefined)).toBeNull();
    expect(parseHostHeader('a b')).toBeNull();
    expect(parseHostHeader('127.0.0.1:4000/x')).toBeNull();
  });
});
