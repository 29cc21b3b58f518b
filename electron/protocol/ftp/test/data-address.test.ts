import { describe, expect, it } from 'vitest';
import {
  formatEprtArgument,
  formatPortArgument,
  parseEprtArgument,
  parseEpsvReply,
  parsePasvReply,
  parsePortArgument,
  sameAddress,
} from '../data-address';

describe('passive replies', () => {
  it('reads a 227 reply with and without parentheses', () => {
    expect(parsePasvReply('227 Entering Passive Mode (192,168,1,2,195,80).')).toEqual({ host: '192.168.1.2', port: 195 * 256 + 80 });
    expect(parsePasvReply('227 Entering Passive Mode 10,0,0,1,4,1')).toEqual({ host: '10.0.0.1', port: 1025 });
  });

  it('refuses a 227 reply without a valid address', () => {
    expect(() => parsePasvReply('227 Entering Passive Mode')).toThrow(/valid address/);
    expect(() => parsePasvReply('227 (300,1,1,1,1,1)')).toThrow(/valid address/);
    expect(() => parsePasvReply('227 (1,1,1,1,0,0)')).toThrow(/port 0/);
  });

  it('reads a 229 reply with any delimiter', () => {
    expect(parseEpsvReply('229 Entering Extended Passive Mode (|||6446|)')).toBe(6446);
    expect(parseEpsvReply('229 ok (!!!21000!)')).toBe(21000);
  });

  it('refuses a 229 reply without a valid port', () => {
    expect(() => parseEpsvReply('229 Entering Extended Passive Mode')).toThrow(/valid port/);
    expect(() => parseEpsvReply('229 (|||70000|)')).toThrow(/valid port/);
    expect(() => parseEpsvReply('229 (|||0|)')).toThrow(/valid port/);
  });
});

describe('active arguments', () => {
  it('writes PORT for IPv4 (also IPv4-mapped) and refuses IPv6', () => {
    expect(formatPortArgument({ host: '127.0.0.1', port: 50000 })).toBe('127,0,0,1,195,80');
    expect(formatPortArgument({ host: '::ffff:10.1.2.3', port: 256 })).toBe('10,1,2,3,1,0');
    expect(() => formatPortArgument({ host: '::1', port: 1 })).toThrow(/EPRT/);
  });

  it('writes EPRT for both families and round-trips', () => {
    expect(formatEprtArgument({ host: '127.0.0.1', port: 50000 })).toBe('|1|127.0.0.1|50000|');
    expect(formatEprtArgument({ host: '::1', port: 2121 })).toBe('|2|::1|2121|');
    expect(parseEprtArgument('|2|::1|2121|')).toEqual({ host: '::1', port: 2121 });
    expect(parseEprtArgument('|1|127.0.0.1|50000|')).toEqual({ host: '127.0.0.1', port: 50000 });
    expect(parsePortArgument('127,0,0,1,195,80')).toEqual({ host: '127.0.0.1', port: 50000 });
  });

  it('refuses malformed EPRT', () => {
    expect(() => parseEprtArgument('|1|::1|21|')).toThrow();
    expect(() => parseEprtArgument('|3|1.2.3.4|21|')).toThrow();
    expect(() => parseEprtArgument('|1|1.2.3.4|0|')).toThrow();
    expect(() => formatEprtArgument({ host: 'example.com', port: 1 })).toThrow();
  });

  it('compares IPv4-mapped and plain addresses', () => {
    expect(sameAddress('::ffff:127.0.0.1', '127.0.0.1')).toBe(true);
    expect(sameAddress('127.0.0.2', '127.0.0.1')).toBe(false);
    expect(sameAddress(undefined, '127.0.0.1')).toBe(false);
  });
});
