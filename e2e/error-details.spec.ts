/** An error's "Details" opens the Activity log at the server's reply, and shows that reply in a disclosure. */
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { giveToTestUser } from '../testkit/servers';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { connectPlainFtp } from './queue-helpers';

test('a refused "create folder" → Details → the log tab shows the server reply', async ({ page, ferry, vsftpd }, testInfo) => {
  // A folder the server's user may not write into: only the server can refuse the new folder.
  const locked = path.join(vsftpd.root, 'locked');
  await mkdir(locked);
  await giveToTestUser(locked);
  await chmod(locked, 0o555);
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  await remote.row('locked').dblclick();
  await expect(remote.breadcrumb).toContainText('locked');
  await expect(remote.region).toHaveAttribute('aria-busy', 'false');

  await remote.newFolder.click();
  const dialog = page.getByRole('dialog', { name: 'Create folder' });
  await dialog.getByRole('textbox', { name: 'Folder name' }).fill('reports');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toBeVisible();

  // The server's reply, in a disclosure.
  await alert.getByText('Server reply').click();
  await expect(alert.locator('pre')).toContainText('550');
  const reply = (await alert.locator('pre').textContent())!.split('\n')[0]!.trim();
  await page.screenshot({ path: testInfo.outputPath('error-details-dialog.png') });

  await alert.getByRole('button', { name: 'Details' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Activity log' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('searchbox', { name: 'Search the log' })).toHaveValue(reply);
  const log = page.getByRole('log', { name: 'Activity log' });
  await expect(log).toContainText(reply);
  await expect(log.locator('.log-line.level--response')).not.toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('error-details-log.png') });
});
