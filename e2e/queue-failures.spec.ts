import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { connectPlainFtp, exists, queueOf } from './queue-helpers';

test('a failed transfer is listed under Failed with its reason, and Retry finishes it', async ({ page, ferry, vsftpd }, testInfo) => {
  await writeFile(path.join(vsftpd.root, 'invoice.pdf'), 'invoice v1');
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  const queue = queueOf(page);
  await expect(remote.row('invoice.pdf')).toBeVisible();

  // Someone else deletes the file on the server after the pane listed it: the download cannot succeed.
  await rm(path.join(vsftpd.root, 'invoice.pdf'));
  await remote.row('invoice.pdf').dblclick();
  await expect(queue.tab('Failed')).toHaveText('Failed (1)', { timeout: 30_000 });
  await expect(queue.status).toContainText('1 failed');
  await queue.tab('Failed').click();
  const batch = queue.batch('invoice.pdf');
  await expect(batch).toContainText('Failed');
  await queue.grid.focus();
  await page.keyboard.press('ArrowRight'); // expands the batch under the cursor
  const item = queue.items.filter({ hasText: 'invoice.pdf' });
  await expect(item).toContainText('/invoice.pdf is no longer on the server.');
  await expect(item.getByRole('gridcell').nth(4)).toHaveText('Failed');
  await page.screenshot({ path: testInfo.outputPath('failed-with-reason.png') });
  expect(await exists(path.join(ferry.home, 'invoice.pdf'))).toBe(false);

  // The file is back: Retry (from the item's context menu) brings the item home.
  await writeFile(path.join(vsftpd.root, 'invoice.pdf'), 'invoice v2');
  await item.click({ button: 'right' });
  await page.getByRole('menu', { name: 'Transfer actions' }).getByRole('menuitem', { name: 'Retry' }).click();
  await expect(queue.tab('Failed')).toHaveText('Failed (0)', { timeout: 30_000 });
  await expect(queue.tab('Done')).toHaveText('Done (1)');
  expect(await readFile(path.join(ferry.home, 'invoice.pdf'), 'utf8')).toBe('invoice v2');
  await expect(paneOf(page, 'Local').row('invoice.pdf')).toBeVisible();
});

test('a folder in the way of a download fails clearly; cancelling it gives up', async ({ page, ferry, vsftpd }) => {
  await writeFile(path.join(vsftpd.root, 'backup.tar'), 'tar bytes');
  // A folder with the file's name already sits where the download would go.
  await mkdir(path.join(ferry.home, 'backup.tar'));
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const queue = queueOf(page);

  await paneOf(page, 'Remote').row('backup.tar').dblclick();
  await expect(queue.tab('Failed')).toHaveText('Failed (1)', { timeout: 30_000 });
  await queue.tab('Failed').click();
  const batch = queue.batch('backup.tar');
  await batch.click();
  await page.keyboard.press('ArrowRight');
  await expect(queue.items.first()).toContainText(/folder/i);
  await expect(queue.items.first()).toContainText('Failed');
  // Delete gives up on it (cancel): it leaves the Failed tab.
  await batch.click();
  await page.keyboard.press('Delete');
  await expect(queue.tab('Failed')).toHaveText('Failed (0)');
  await expect(queue.tab('Done')).toHaveText('Done (1)');
});
