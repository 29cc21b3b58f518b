import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsService } from './settings-service';
import { makeTempFolder, removeTempFolders } from './test-support/temp-folders';

afterAll(removeTempFolders);

describe('SettingsService', () => {
  it('starts with the defaults and keeps changes across runs', async () => {
    const dir = await makeTempFolder();
    const settings = await SettingsService.open(dir);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const seen: number[] = [];
    settings.onChange((next, previous) => seen.push(next.concurrentTransfers, previous.concurrentTransfers));
    await settings.update({ concurrentTransfers: 5, theme: 'dark', activePortRange: { from: 50000, to: 50100 }, speedLimits: { downloadKiBps: 100, uploadKiBps: 0 } });
    expect(seen).toEqual([5, DEFAULT_SETTINGS.concurrentTransfers]);
    const reopened = await SettingsService.open(dir);
    expect(reopened.get()).toEqual({
      ...DEFAULT_SETTINGS,
      concurrentTransfers: 5,
      theme: 'dark',
      activePortRange: { from: 50000, to: 50100 },
      speedLimits: { downloadKiBps: 100, uploadKiBps: 0 },
    });
  });

  it('refuses invalid values and changes nothing', async () => {
    const dir = await makeTempFolder();
    const settings = await SettingsService.open(dir);
    await expect(settings.update({ concurrentTransfers: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(settings.update({ activePortRange: { from: 60000, to: 50000 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(settings.update({ bogus: 1 } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    await expect(fs.access(path.join(dir, 'settings.json'))).rejects.toThrow();
  });

  it('keeps a damaged settings file aside', async () => {
    const dir = await makeTempFolder();
    await fs.writeFile(path.join(dir, 'settings.json'), '{"version":1,"settings":{"theme":"purple"}}');
    const settings = await SettingsService.open(dir);
    expect(settings.problem?.message).toContain('settings');
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });
});
