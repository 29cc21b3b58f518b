/**
 * Settings in browser mode: values persist across a reload, validation by
 * field, the theme reaches <html>, the master password (set, restart →
 * locked, unlock; a locked site's connect asks and retries), and the trusted
 * certificates table.
 */
import { launchWebApp } from './fixtures/web-app';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/servers';

const MASTER = 'correct horse battery staple';

async function openSettings(page: Page, section?: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  if (section) await dialog.getByRole('tab', { name: section }).click();
  return dialog;
}

/**
 * "Restarts" Ferry: a new browser-mode process over a copy of the data folder
 * (sites, secrets, settings as saved). The master key lives only in the process
 * that was given it, so the new one starts locked. A copy, because the running
 * one holds the data folder's queue lock.
 */
async function restartOn(
  home: string,
  dataDir: string,
  prepare?: (copy: string) => Promise<void>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'ferry-e2e-restart-'));
  await cp(dataDir, copy, { recursive: true, filter: (source) => path.basename(source) !== 'queue.lock' });
  await prepare?.(copy);
  const server = await launchWebApp(home, copy).catch(async (error: unknown) => {
    await rm(copy, { recursive: true, force: true });
    throw error;
  });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      await rm(copy, { recursive: true, force: true });
    },
  };
}

test('changed settings persist across a reload', async ({ page, ferry }, testInfo) => {
  await page.goto(ferry.url);
  let dialog = await openSettings(page);
  await dialog.getByLabel('Concurrent transfers').fill('5');
  await dialog.getByLabel('Download speed limit').fill('300');
  await dialog.getByLabel('When a file already exists').selectOption('keep-both');
  await dialog.getByLabel('Preserve timestamps').uncheck();
  await dialog.getByRole('tab', { name: 'Connection' }).click();
  await dialog.getByLabel('Connect timeout').fill('45');
  await dialog.getByLabel('Default transfer mode').selectOption('active');
  await dialog.getByLabel('Limit the ports used in active mode').check();
  await dialog.getByLabel('First active port').fill('50000');
  await dialog.getByLabel('Last active port').fill('50100');
  await page.screenshot({ path: testInfo.outputPath('settings-connection.png') });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.reload();
  dialog = await openSettings(page);
  await expect(dialog.getByLabel('Concurrent transfers')).toHaveValue('5');
  await expect(dialog.getByLabel('Download speed limit')).toHaveValue('300');
  await expect(dialog.getByLabel('When a file already exists')).toHaveValue('keep-both');
  await expect(dialog.getByLabel('Preserve timestamps')).not.toBeChecked();
  // ←/→ move between the section tabs.
  await dialog.getByRole('tab', { name: 'Transfers' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: 'Connection' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByLabel('Connect timeout')).toHaveValue('45');
  await expect(dialog.getByLabel('Default transfer mode')).toHaveValue('active');
  await expect(dialog.getByLabel('First active port')).toHaveValue('50000');
  await expect(dialog.getByLabel('Last active port')).toHaveValue('50100');
});

test('invalid settings are reported next to their fields and not saved', async ({ page, ferry }, testInfo) => {
  await page.goto(ferry.url);
  const dialog = await openSettings(page);
  await dialog.getByLabel('Concurrent transfers').fill('11');
  await dialog.getByLabel('Upload speed limit').fill('fast');
  await dialog.getByRole('tab', { name: 'Connection' }).click();
  await dialog.getByLabel('Limit the ports used in active mode').check();
  await dialog.getByLabel('First active port').fill('60000');
  await dialog.getByLabel('Last active port').fill('50000');
  await dialog.getByRole('button', { name: 'Save' }).click();

  // The first section with an error is shown.
  await expect(dialog.getByRole('tab', { name: 'Transfers' })).toHaveAttribute('aria-selected', 'true');
  const concurrent = dialog.getByLabel('Concurrent transfers');
  await expect(concurrent).toHaveAttribute('aria-invalid', 'true');
  await expect(concurrent).toHaveAccessibleDescription(/Enter a number of transfers from 1 to 10\./);
  await expect(dialog.getByLabel('Upload speed limit')).toHaveAccessibleDescription(/KiB\/s \(0 for no limit\) from 0 to 10,000,000/);
  await page.screenshot({ path: testInfo.outputPath('settings-validation.png') });
  await dialog.getByRole('tab', { name: 'Connection' }).click();
  await expect(dialog.getByLabel('Last active port')).toHaveAccessibleDescription('The first port must not be above the last.');

  // Nothing was saved.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  const again = await openSettings(page);
  await expect(again.getByLabel('Concurrent transfers')).not.toHaveValue('11');
});

test('the theme setting switches data-theme and the colours, and survives a reload', async ({ page, ferry }, testInfo) => {
  await page.goto(ferry.url);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'system');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  let dialog = await openSettings(page, 'Interface');
  await dialog.getByLabel('Theme').selectOption('dark');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe('rgb(22, 24, 28)');
  await page.getByRole('button', { name: 'Site manager' }).click();
  await page.screenshot({ path: testInfo.outputPath('dark-site-manager.png') });
  await page.getByRole('dialog', { name: 'Site manager' }).getByRole('button', { name: 'Close' }).click();

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  dialog = await openSettings(page, 'Interface');
  await dialog.getByLabel('Theme').selectOption('light');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe('rgb(246, 247, 249)');
});

test('master password: set, restart → locked, unlock; a locked site asks for it and connects', async ({ page, ferry, vsftpd }, testInfo) => {
  await writeFile(path.join(vsftpd.root, 'locked.txt'), 'x');
  await page.goto(ferry.url);
  let dialog = await openSettings(page, 'Passwords');
  const protection = dialog.getByRole('status', { name: 'Password protection' });
  await expect(protection).toContainText('Passwords are not saved: there is no system keyring here');
  await dialog.getByLabel('New master password', { exact: true }).fill(MASTER);
  await dialog.getByLabel('Repeat the new master password').fill('something else');
  await dialog.getByRole('button', { name: 'Set master password' }).click();
  await expect(dialog.getByLabel('Repeat the new master password')).toHaveAccessibleDescription('The two passwords are not the same.');
  await dialog.getByLabel('Repeat the new master password').fill(MASTER);
  await dialog.getByRole('button', { name: 'Set master password' }).click();
  await expect(protection).toContainText('encrypted with your master password');
  await page.screenshot({ path: testInfo.outputPath('settings-passwords.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A site with a saved password.
  await page.getByRole('button', { name: 'Site manager' }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  await manager.getByRole('button', { name: 'New site' }).click();
  await manager.getByRole('textbox', { name: /^New name for/ }).fill('Guarded');
  await manager.getByRole('textbox', { name: /^New name for/ }).press('Enter');
  await manager.getByLabel('Encryption').selectOption('plain');
  await manager.getByLabel('Host').fill(vsftpd.host);
  await manager.getByLabel('Port', { exact: true }).fill(String(vsftpd.port));
  await manager.getByLabel('User').fill(vsftpd.user);
  await manager.getByLabel('Password', { exact: true }).fill(vsftpd.password);
  await manager.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByText('Saved', { exact: true })).toBeVisible();
  await manager.getByRole('button', { name: 'Close' }).click();

  // Ferry restarts: the master key is gone until the password is entered again.
  const restarted = await restartOn(ferry.home, ferry.dataDir);
  try {
    await page.goto(restarted.url);
    const unlockButton = page.getByRole('button', { name: 'Unlock saved passwords' });
    await expect(unlockButton).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('locked-top-bar.png') });

    // Connecting the site is refused as LOCKED; Ferry asks for the master password and connects.
    await page.getByRole('button', { name: 'Site manager' }).click();
    await expect(manager.getByText('Saved passwords are locked.')).toBeVisible();
    await manager.getByRole('treeitem', { name: 'Guarded' }).click();
    await expect(manager.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/locked until you enter your master password/);
    await manager.getByRole('treeitem', { name: 'Guarded' }).press('Enter');
    const unlock = page.getByRole('dialog', { name: 'Enter your master password' });
    await expect(unlock).toContainText('Connecting to “Guarded” needs its saved password.');
    await unlock.getByLabel('Master password').fill('wrong one');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(unlock.getByRole('alert')).toHaveText('The master password is not correct.');
    await page.screenshot({ path: testInfo.outputPath('unlock-dialog.png') });
    await unlock.getByLabel('Master password').fill(MASTER);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(unlock).toBeHidden();
    await expect(page.getByRole('grid', { name: 'Remote file list' }).getByRole('row', { name: /locked\.txt/ })).toBeVisible();
    await expect(unlockButton).toBeHidden();

    // Lock now, then unlock from the top bar.
    dialog = await openSettings(page, 'Passwords');
    await dialog.getByRole('button', { name: 'Lock now' }).click();
    await expect(protection).toContainText('and locked');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await unlockButton.click();
    await unlock.getByLabel('Master password').fill(MASTER);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(unlockButton).toBeHidden();

    // Changing it needs the current one.
    dialog = await openSettings(page, 'Passwords');
    await dialog.getByLabel('Current master password').fill('not it');
    await dialog.getByLabel('New master password', { exact: true }).fill('a new one');
    await dialog.getByLabel('Repeat the new master password').fill('a new one');
    await dialog.getByRole('button', { name: 'Change master password' }).click();
    await expect(dialog.getByLabel('Current master password')).toHaveAccessibleDescription('The master password is not correct.');

    // Removing it without a keyring would lose the saved password: Ferry asks first.
    await dialog.getByLabel('Current master password').fill(MASTER);
    await dialog.getByRole('button', { name: 'Remove master password' }).click();
    const forget = page.getByRole('dialog', { name: 'Forget saved passwords?' });
    await expect(forget).toContainText('cannot keep saved passwords');
    await forget.getByRole('button', { name: 'Forget them' }).click();
    await expect(protection).toContainText('Passwords are not saved');
    await expect(protection).toContainText('No password is saved.');
  } finally {
    await restarted.stop();
  }
});

test('trusted certificates are listed and can be removed', async ({ page, ferry, vsftpdTls }, testInfo) => {
  await page.goto(ferry.url);
  const bar = page.getByRole('form', { name: 'Quick connect' });
  await bar.getByLabel('Protocol').selectOption({ label: 'FTPS – explicit TLS' });
  await bar.getByLabel('Host').fill(vsftpdTls.host);
  await bar.getByLabel('Username').fill(vsftpdTls.user);
  await bar.getByLabel('Password').fill(vsftpdTls.password);
  await bar.getByLabel('Port').fill(String(vsftpdTls.port));
  await bar.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('dialog', { name: 'Unknown certificate' }).getByRole('button', { name: 'Always trust' }).click();
  await expect(page.getByRole('grid', { name: 'Remote file list' })).toBeVisible();

  const dialog = await openSettings(page, 'Trusted servers');
  const table = dialog.getByRole('table', { name: 'Trusted certificates and host keys' });
  const server = `${vsftpdTls.host}:${vsftpdTls.port}`;
  const row = table.getByRole('row', { name: new RegExp(server.replace(/\./g, '\\.')) });
  await expect(row).toContainText('Certificate');
  await expect(row).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await page.screenshot({ path: testInfo.outputPath('settings-trust.png') });

  await row.getByRole('button', { name: `Remove ${server} certificate` }).click();
  const confirm = page.getByRole('dialog', { name: `Stop trusting ${server}?` });
  // Escape closes only the question, not the settings behind it.
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(dialog).toBeVisible();
  await row.getByRole('button', { name: `Remove ${server} certificate` }).click();
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog.getByText('No trusted certificates or host keys yet.')).toBeVisible();
});

test('a damaged settings file is kept aside and reported', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(page.getByRole('button', { name: 'Site manager' })).toBeVisible();
  const restarted = await restartOn(ferry.home, ferry.dataDir, (copy) => writeFile(path.join(copy, 'settings.json'), '{ not json'));
  try {
    await page.goto(restarted.url);
    await page.getByRole('button', { name: 'Damaged files' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ferry kept damaged files aside' });
    await expect(dialog.getByRole('list', { name: 'Damaged files' })).toContainText('settings');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('button', { name: 'Damaged files' })).toBeHidden();
    // The site manager says it too.
    await page.getByRole('button', { name: 'Site manager' }).click();
    await expect(page.getByRole('status', { name: 'Damaged files' })).toContainText('kept');
  } finally {
    await restarted.stop();
  }
});
