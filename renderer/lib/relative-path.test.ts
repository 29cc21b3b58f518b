import { describe, expect, it } from 'vitest';
import { stepsBelow } from './relative-path';

const crumbs = (...paths: string[]) => paths.map((p) => ({ name: p.split('/').at(-1) || '/', path: p }));

describe('stepsBelow', () => {
  const root = crumbs('/', '/home', '/home/anna');
  it('gives the folder names below the root', () => {
    expect(stepsBelow(root, root)).toEqual([]);
    expect(stepsBelow(root, crumbs('/', '/home', '/home/anna', '/home/anna/site', '/home/anna/site/img'))).toEqual(['site', 'img']);
  });
  it('is null outside the root', () => {
    expect(stepsBelow(root, crumbs('/', '/home'))).toBeNull();
    expect(stepsBelow(root, crumbs('/', '/home', '/home/bob', '/home/bob/site'))).toBeNull();
    expect(stepsBelow([], root)).toBeNull();
  });
});
