import { describe, expect, it } from 'vitest';
import { baseNameRemote, joinRemote, normalizeRemote, parentOfRemote, segmentsOfRemote } from './remote-path';

describe('remote paths', () => {
  it('join, normalise, find parents and names', () => {
    expect(joinRemote('/', 'a')).toBe('/a');
    expect(joinRemote('/a', 'b c')).toBe('/a/b c');
    expect(normalizeRemote('//a/./b/../c/')).toBe('/a/c');
    expect(normalizeRemote('/../../x')).toBe('/x');
    expect(parentOfRemote('/')).toBeNull();
    expect(parentOfRemote('/a')).toBe('/');
    expect(parentOfRemote('/a/b/')).toBe('/a');
    expect(baseNameRemote('/a/b')).toBe('b');
  });
  it('gives breadcrumb segments', () => {
    expect(segmentsOfRemote('/var/www')).toEqual([
      { name: '/', path: '/' },
      { name: 'var', path: '/var' },
      { name: 'www', path: '/var/www' },
    ]);
  });
});
