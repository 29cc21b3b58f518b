import { describe, expect, it } from 'vitest';
import { buildMenu, type MenuSpecEntry } from './menu';

interface Context {
  selected: number;
  folder: boolean;
  log: string[];
}

const specs: MenuSpecEntry<Context>[] = [
  'separator',
  { id: 'open', label: 'Open', visible: (c) => c.folder, run: (c) => c.log.push('open') },
  'separator',
  'separator',
  { id: 'refresh', label: 'Refresh', shortcut: 'F5', run: (c) => c.log.push('refresh') },
  'separator',
  { id: 'rename', label: 'Rename', enabled: (c) => c.selected === 1, run: (c) => c.log.push('rename') },
  'separator',
];

describe('buildMenu', () => {
  it('drops hidden items and keeps separators only between groups', () => {
    const menu = buildMenu(specs, { selected: 2, folder: false, log: [] });
    expect(menu.map((e) => ('separator' in e ? '---' : e.id))).toEqual(['refresh', '---', 'rename']);
    const withOpen = buildMenu(specs, { selected: 1, folder: true, log: [] });
    expect(withOpen.map((e) => ('separator' in e ? '---' : e.id))).toEqual(['open', '---', 'refresh', '---', 'rename']);
  });

  it('marks items disabled for the context and runs them with it', () => {
    const context = { selected: 2, folder: false, log: [] as string[] };
    const menu = buildMenu(specs, context);
    const rename = menu.find((e) => e.id === 'rename');
    expect(rename && !('separator' in rename) && rename.disabled).toBe(true);
    const refresh = menu.find((e) => e.id === 'refresh');
    if (!refresh || 'separator' in refresh) throw new Error('refresh missing');
    expect(refresh.shortcut).toBe('F5');
    refresh.run();
    expect(context.log).toEqual(['refresh']);
  });
});
