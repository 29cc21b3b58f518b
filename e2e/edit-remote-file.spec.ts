import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures/servers';
import { giveToTestUser } from '../testkit/servers';

test('View/Edit downloads a remote file, notices a local save and uploads it back', async ({ page, ferry, vsftpd }, testInfo) => {
  await writeFile(path.join(vsftpd.root, 'notes.txt'), 'first draft\n');
  await giveToTestUser(vsftpd.root);
  await page.goto(ferry.url);
  const bar = page.getByRole('form', { name: 'Quick connect' });
  await bar.getByLabel('Protocol').selectOption({ label: 'FTP – plain (insecure)' });
  await bar.getByLabel('Host').fill(vsftpd.host);
  await bar.getByLabel('Username').fill(vsftpd.user);
  await bar.getByLabel('Password').fill(vsftpd.password);
  await bar.getByLabel('Port').fill(String(vsftpd.port));
  await bar.getByRole('button', { name: 'Connect' }).click();

  await page.getByRole('grid', { name: 'Remote file list' }).getByRole('row', { name: /notes\.txt/ }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'View/Edit' }).click();

  await page.getByRole('tab', { name: /Editing \(1\)/ }).click();
  const item = page.getByRole('list', { name: 'Files being edited' }).getByRole('listitem', { name: 'notes.txt' });
  await expect(item.getByRole('status')).toHaveText('No changes');
  // No desktop here (headless), so Ferry shows where the copy is; a user would open it themselves.
  const localPath = (await item.locator('code').textContent())!;
  expect(await readFile(localPath, 'utf8')).toBe('first draft\n');

  await writeFile(localPath, 'second draft\n');
  await expect(item.getByRole('status')).toContainText('not uploaded yet');
  await expect(page.getByRole('tab', { name: /1 to upload/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('editing.png') });
  await item.getByRole('button', { name: 'Upload' }).click();
  await expect(item.getByRole('status')).toHaveText('No changes');
  expect(await readFile(path.join(vsftpd.root, 'notes.txt'), 'utf8')).toBe('second draft\n');

  await item.getByRole('button', { name: 'Stop editing' }).click();
  await expect(page.getByRole('tab', { name: /Editing \(0\)/ })).toBeVisible();
});
