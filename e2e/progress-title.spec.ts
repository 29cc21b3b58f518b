/** The window title shows the queue's progress, then flashes "✓ Done" for a long run finished in the background. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { giveToTestUser } from '../testkit/servers';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { callFerry, connectPlainFtp, queueOf } from './queue-helpers';

test('the title shows "N% · Ferry" while transferring and flashes "✓ Done · Ferry" until focus returns', async ({ page, ferry, vsftpd }) => {
  test.setTimeout(120_000);
  const folder = path.join(vsftpd.root, 'photos');
  await mkdir(folder);
  // 25 files (more than 20: a run worth a notification), slowed down so the percentage can be seen.
  await Promise.all(Array.from({ length: 25 }, (_, i) => writeFile(path.join(folder, `photo-${i}.jpg`), Buffer.alloc(8192, i))));
  await giveToTestUser(folder);
  await callFerry(ferry.url, 'transfers.setLimits', { speed: { download: 80_000 }, connections: { perSite: 1 } });

  await page.goto(ferry.url);
  await expect(page).toHaveTitle('Ferry');
  await connectPlainFtp(page, vsftpd);
  // The user switches to another window.
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));

  const remote = paneOf(page, 'Remote');
  await remote.row('photos').click({ button: 'right' });
  await remote.menu.getByRole('menuitem', { name: 'Download' }).click();
  await expect(page).toHaveTitle(/^\d{1,3}% · Ferry$/, { timeout: 30_000 });
  await expect(queueOf(page).status).toContainText('Idle', { timeout: 60_000 });
  await expect(page).toHaveTitle('✓ Done · Ferry');
  // It flashes: back to plain, then "Done" again.
  await expect(page).toHaveTitle('Ferry');
  await expect(page).toHaveTitle('✓ Done · Ferry');

  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page).toHaveTitle('Ferry');
  await expect(paneOf(page, 'Local').row('photos')).toBeVisible();
});
