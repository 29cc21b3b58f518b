import { describe, expect, it } from 'vitest';
import { baseNameRange, nameProblem } from './names';

describe('nameProblem', () => {
  it('accepts ordinary names, spaces and Unicode', () => {
    for (const ok of ['New folder', 'report.pdf', '.env', 'ünïcødé 日本', '..hidden']) expect(nameProblem(ok)).toBeNull();
  });
  it('explains what is wrong with a name', () => {
    expect(nameProblem('')).toBe('Enter a name.');
    expect(nameProblem('  ')).toBe('Enter a name.');
    expect(nameProblem('..')).toContain('"."');
    expect(nameProblem('a/b')).toContain('"/"');
    expect(nameProblem('a\0b')).toContain('NUL');
    expect(nameProblem('é'.repeat(128))).toContain('too long');
  });
});

describe('baseNameRange', () => {
  it('selects the name without its extension', () => {
    expect(baseNameRange('report.pdf')).toEqual([0, 6]);
    expect(baseNameRange('archive.tar.gz')).toEqual([0, 11]);
    expect(baseNameRange('.bashrc')).toEqual([0, 7]);
    expect(baseNameRange('Makefile')).toEqual([0, 8]);
  });
});
