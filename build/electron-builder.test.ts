/**
 * Packaging: the electron-builder configuration must pass electron-builder's
 * own schema validation and build what users on each platform expect.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '..');
const config = JSON.parse(readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8'));

describe('electron-builder configuration', () => {
  it('passes the schema electron-builder ships', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('rejects a misspelt option, proving the validation is real', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration({ ...config, produtName: 'x' }, { isEnabled: false, add() {} })).rejects.toThrow();
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Ferry');
  });

  it('uses icons from build/ that exist and are PNGs of at least 512 px', () => {
    for (const platform of ['linux', 'mac', 'win']) {
      const icon = path.join(root, config[platform].icon);
      expect(icon.startsWith(path.join(root, 'build'))).toBe(true);
      expect(existsSync(icon)).toBe(true);
      const png = readFileSync(icon);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    }
  });

  it('turns on the security fuses (checklist item 7)', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});
