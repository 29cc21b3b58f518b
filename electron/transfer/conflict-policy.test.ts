import { describe, expect, it } from 'vitest';
import { decideConflict } from './conflict-policy';
import type { FileFacts } from './model';

const facts = (size: number | null, mtime: number | null, precision: FileFacts['precision'] = 'second'): FileFacts => ({ size, mtime, precision });

describe('overwrite if size differs or source newer', () => {
  const decide = (source: FileFacts, target: FileFacts) =>
    decideConflict({ policy: 'overwriteIfSizeDiffersOrNewer', skipIdentical: false, source, target }).action;

  it('overwrites when the size differs, even if the source is older', () => {
    expect(decide(facts(10, 1_000), facts(20, 9_000))).toBe('overwrite');
  });
  it('overwrites a same-size target when the source is newer', () => {
    expect(decide(facts(10, 9_000), facts(10, 1_000))).toBe('overwrite');
  });
  it('skips a same-size target that is as new or newer', () => {
    expect(decide(facts(10, 1_000), facts(10, 9_000))).toBe('skip');
    expect(decide(facts(10, 60_000, 'minute'), facts(10, 60_500))).toBe('skip');
  });
});
