/**
 * Makes the README's screenshots (docs/*.png) from a real session in browser
 * mode. Not part of `npm test`:
 *   node scripts/build.mjs && npx playwright test -c docs/screenshots-src/playwright.config.ts
 */
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /screenshots\.spec\.ts/,
  projects: [{ ...base.projects![0]!, testIgnore: [] }],
});
