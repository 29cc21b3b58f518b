/** A remote folder of 20,000 entries lists, scrolls to its end and sums up correctly (virtualized rows). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { giveToTestUser } from '../testkit/servers';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { connectPlainFtp } from './queue-helpers';

const FILES = 20_000;

test('a remote folder of 20,000 entries lists, scrolls to its last entry and says 20,000 files', async ({ page, ferry, vsftpd }, testInfo) => {
  test.setTimeout(120_000);
  const folder = path.join(vsftpd.root, 'big');
  await mkdir(folder);
  const names = Array.from({ length: FILES }, (_, i) => `entry-${String(i + 1).padStart(5, '0')}.txt`);
  for (let i = 0; i < names.length; i += 1000) {
    await Promise.all(names.slice(i, i + 1000).map((name) => writeFile(path.join(folder, name), 'x')));
  }
  await giveToTestUser(folder);

  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  await expect(remote.row('big')).toBeVisible();

  const started = Date.now();
  await remote.row('big').dblclick();
  await expect(remote.row('entry-00001.txt')).toBeVisible({ timeout: 60_000 });
  const firstRowsMs = Date.now() - started;
  console.log(`20,000-entry folder: first rows after ${firstRowsMs} ms`);

  // Only what is on screen is in the page.
  expect(await remote.list.getByRole('row').count()).toBeLessThan(100);
  await expect(remote.summary).toHaveText('20,000 files, 20.0 KB');

  await remote.list.focus();
  await page.keyboard.press('End');
  await expect(remote.row('entry-20000.txt')).toBeVisible();
  await expect(remote.row('entry-20000.txt')).toHaveAttribute('aria-selected', 'true');
  await expect(remote.row('entry-00001.txt')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('twenty-thousand-end.png') });
});
