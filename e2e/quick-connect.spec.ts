import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { quickConnect } from './fixtures/panes';
import { expect, test } from './fixtures/servers';

test('quick connect to vsftpd over plain FTP lists the server and warns that it is insecure', async ({ page, ferry, vsftpd }, testInfo) => {
  await mkdir(path.join(vsftpd.root, 'site'));
  await writeFile(path.join(vsftpd.root, 'index.html'), '<h1>hello</h1>');
  await page.goto(ferry.url);
  await quickConnect(page, vsftpd, 'FTP – plain (insecure)');

  const list = page.getByRole('grid', { name: 'Remote file list' });
  await expect(list.getByRole('row', { name: /index\.html/ })).toBeVisible();
  await expect(list.getByRole('row', { name: /site/ })).toContainText('Folder');
  await expect(page.getByRole('status', { name: 'Insecure connection' })).toContainText('NOT encrypted');
  await expect(page.getByRole('tab', { name: `${vsftpd.user}@${vsftpd.host}` })).toHaveAttribute('aria-selected', 'true');

  await list.getByRole('row', { name: /site/ }).dblclick();
  await expect(page.getByRole('navigation', { name: 'Remote path' }).getByRole('button', { name: 'site' })).toHaveAttribute('aria-current', 'location');
  await expect(page.getByRole('region', { name: 'Remote files' }).getByText('This folder is empty.')).toBeVisible();

  // The activity log shows the conversation with the password masked.
  await page.getByRole('tab', { name: 'Activity log' }).click();
  const log = page.getByRole('log', { name: 'Activity log' });
  await expect(log).toContainText('226 Directory send OK');
  // The log is virtualized; searching brings the login back into view.
  await page.getByLabel('Search the log').fill('PASS');
  await expect(log).toContainText('PASS ****');
  await expect(log).not.toContainText(vsftpd.password);
  await page.screenshot({ path: testInfo.outputPath('connected-plain.png') });
});

test('a self-signed certificate is a question: rejected first, then trusted once', async ({ page, ferry, vsftpdTls }, testInfo) => {
  await writeFile(path.join(vsftpdTls.root, 'secure.txt'), 'tls');
  await page.goto(ferry.url);
  await quickConnect(page, vsftpdTls, 'FTPS – explicit TLS');

  const dialog = page.getByRole('dialog', { name: 'Unknown certificate' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('SHA-256 fingerprint')).toHaveText(vsftpdTls.certificate!.fingerprint256);
  await page.screenshot({ path: testInfo.outputPath('certificate-question.png') });
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('form', { name: 'Quick connect' }).getByRole('alert')).toContainText(/certificate/i);

  await page.getByRole('form', { name: 'Quick connect' }).getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('dialog', { name: 'Unknown certificate' }).getByRole('button', { name: 'Trust once' }).click();
  await expect(page.getByRole('grid', { name: 'Remote file list' }).getByRole('row', { name: /secure\.txt/ })).toBeVisible();
  await expect(page.getByLabel('Connection security')).toContainText('Encrypted');
});
