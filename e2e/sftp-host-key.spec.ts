import { expect, test } from './fixtures/servers';

test('an unknown SSH host key is a question showing its fingerprint; trusting it connects over SFTP', async ({ page, ferry, sshd }, testInfo) => {
  await page.goto(ferry.url);
  const bar = page.getByRole('form', { name: 'Quick connect' });
  await bar.getByLabel('Protocol').selectOption({ label: 'SFTP' });
  await bar.getByLabel('Host').fill(sshd.host);
  await bar.getByLabel('Username').fill(sshd.user);
  await bar.getByLabel('Password').fill(sshd.password);
  await bar.getByLabel('Port').fill(String(sshd.port));
  await bar.getByRole('button', { name: 'Connect' }).click();

  const dialog = page.getByRole('dialog', { name: 'Unknown host key' });
  await expect(dialog.getByLabel('Host key fingerprint')).toHaveText(sshd.hostKeyFingerprint);
  await expect(dialog).toContainText(sshd.hostKeyType);
  await page.screenshot({ path: testInfo.outputPath('host-key-question.png') });

  // Rejecting leaves Ferry unconnected, with the reason shown.
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(bar.getByRole('alert')).toContainText(/host key/i);

  await bar.getByLabel('Password').fill(sshd.password);
  await bar.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('dialog', { name: 'Unknown host key' }).getByRole('button', { name: 'Always trust' }).click();
  await expect(page.getByLabel('Connection security')).toContainText('Encrypted');
  await expect(page.getByRole('grid', { name: 'Remote file list' })).toBeVisible();

  // Pinned: a second connection does not ask again.
  await bar.getByLabel('Password').fill(sshd.password);
  await bar.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')).toHaveCount(2);
  await expect(page.getByRole('dialog', { name: 'Unknown host key' })).toHaveCount(0);
});
