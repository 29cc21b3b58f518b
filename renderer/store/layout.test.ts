import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, parseLayout } from './layout';

describe('parseLayout', () => {
  it('gives the defaults for nothing stored, bad JSON or a non-object', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('{not json')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('42')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('null')).toEqual(DEFAULT_LAYOUT);
  });

  it('keeps the good values and drops only the bad ones', () => {
    const layout = parseLayout(
      JSON.stringify({
        bottomHeight: 320,
        localShare: 7,
        columns: { Local: { size: 120 }, Remote: { size: 'wide' } },
        showHidden: { Local: true, Remote: 'yes' },
        bottomTab: 'log',
      }),
    );
    expect(layout).toEqual({
      bottomHeight: 320,
      localShare: DEFAULT_LAYOUT.localShare,
      columns: { Local: { size: 120 }, Remote: {} },
      showHidden: { Local: true, Remote: null },
      bottomTab: 'log',
    });
  });
});
