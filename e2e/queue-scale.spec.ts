import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { callFerry, connectPlainFtp, queueOf } from './queue-helpers';

const FILES = 10_000;

test('a batch of 10,000 queued files lists, expands and scrolls without fetching them all', async ({ page, ferry, vsftpd }, testInfo) => {
  test.setTimeout(180_000);
  const folder = path.join(vsftpd.root, 'many');
  await mkdir(folder);
  const names = Array.from({ length: FILES }, (_, i) => `file-${String(i + 1).padStart(5, '0')}.txt`);
  for (let i = 0; i < names.length; i += 500) {
    await Promise.all(names.slice(i, i + 500).map((name) => writeFile(path.join(folder, name), 'ten bytes!')));
  }
  // One slow connection: the files stay queued while the test looks at them.
  await callFerry(ferry.url, 'transfers.setLimits', { speed: { download: 100 }, connections: { perSite: 1 } });
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const queue = queueOf(page);

  await paneOf(page, 'Remote').row('many').click({ button: 'right' });
  await paneOf(page, 'Remote').menu.getByRole('menuitem', { name: 'Download' }).click();
  const batch = queue.batch('many');
  // The folder item plus its 10,000 files, once the folder is listed.
  await expect(batch).toContainText('/ 10,001', { timeout: 60_000 });
  await expect(queue.tab('Queued and active')).toHaveText(/Queued and active \((9,9\d\d|10,000)\)/);

  // Expanding shows the first rows as soon as their page arrives.
  const started = Date.now();
  await batch.getByRole('button', { name: 'Expand many' }).click();
  // (Which files are first depends on how many already finished through the slow connection.)
  await expect(queue.items.filter({ hasText: /file-\d{5}\.txt/ }).first()).toBeVisible();
  const firstRowsMs = Date.now() - started;

  // Only what is on screen exists in the page.
  const rendered = await queue.items.count();
  expect(rendered).toBeLessThan(80);

  // End jumps to the last item; its page is fetched then.
  await queue.grid.focus();
  const scrolled = Date.now();
  await page.keyboard.press('End');
  await expect(queue.items.filter({ hasText: 'file-10000.txt' })).toBeVisible();
  const endMs = Date.now() - scrolled;
  await page.screenshot({ path: testInfo.outputPath('ten-thousand-end.png') });

  // Scrolling with the wheel through the middle keeps rows coming.
  await queue.grid.hover();
  await page.keyboard.press('Home');
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 4000);
  await expect(queue.items.filter({ hasText: /file-0\d{4}\.txt/ }).first()).toBeVisible();
  await expect(queue.grid.locator('[aria-busy="true"]')).toHaveCount(0);
  expect(await queue.items.count()).toBeLessThan(80);
  await page.screenshot({ path: testInfo.outputPath('ten-thousand-middle.png') });

  testInfo.annotations.push(
    { type: 'time to first rows', description: `${firstRowsMs} ms` },
    { type: 'time to the last row (End)', description: `${endMs} ms` },
    { type: 'item rows in the page', description: String(rendered) },
  );
  console.log(`10,000 items: first rows after ${firstRowsMs} ms, last row after ${endMs} ms, ${rendered} item rows rendered`);

  await queue.tools.getByRole('button', { name: 'Pause all' }).click();
  await expect(queue.status).toContainText('Paused');
});
