import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { giveToTestUser } from '../testkit/servers';
import { exists } from './queue-helpers';
import { paneOf, quickConnect } from './fixtures/panes';
import { expect, test } from './fixtures/servers';

const modeOf = async (p: string) => (await stat(p)).mode & 0o7777;

test('on vsftpd: permissions and owner columns, rename, create folder and enter it, delete, copy URL', async ({ page, ferry, vsftpd, context }, testInfo) => {
  await writeFile(path.join(vsftpd.root, 'index.html'), '<h1>hi</h1>');
  await writeFile(path.join(vsftpd.root, 'old-name.txt'), 'text');
  await writeFile(path.join(vsftpd.root, '.htaccess'), 'Require all granted');
  await mkdir(path.join(vsftpd.root, 'site', 'img'), { recursive: true });
  await writeFile(path.join(vsftpd.root, 'site', 'img', 'logo.png'), 'png');
  await chmod(path.join(vsftpd.root, 'index.html'), 0o644);
  // Written as root here; the server's user must own them to change them.
  await giveToTestUser(vsftpd.root);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ferry.url).origin });

  await page.goto(ferry.url);
  await quickConnect(page, vsftpd, 'FTP – plain (insecure)');
  const remote = paneOf(page, 'Remote');
  await expect(remote.row('index.html')).toBeVisible();

  // The remote pane has the permissions and owner/group columns; the local pane does not.
  await expect(remote.list.getByRole('columnheader', { name: 'Permissions' })).toBeVisible();
  await expect(remote.list.getByRole('columnheader', { name: 'Owner/Group' })).toBeVisible();
  await expect(paneOf(page, 'Local').list.getByRole('columnheader', { name: 'Permissions' })).toHaveCount(0);
  await expect(remote.row('index.html')).toContainText('rw-r--r--');

  // Dot-files show on a server by default (FileZilla's choice); the switch hides them.
  await expect(remote.hiddenToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(remote.row('.htaccess')).toBeVisible();
  await remote.hiddenToggle.click();
  await expect(remote.row('.htaccess')).toHaveCount(0);
  await expect(remote.row('index.html')).toBeVisible();

  // Renaming onto a listed name is refused before the server could overwrite it.
  await remote.row('old-name.txt').click();
  await page.keyboard.press('F2');
  await remote.list.getByRole('textbox', { name: 'New name for old-name.txt' }).fill('index.html');
  await page.keyboard.press('Enter');
  await expect(remote.region.getByRole('alert')).toContainText('"index.html" already exists');
  await page.keyboard.press('Escape');
  expect(await readFile(path.join(vsftpd.root, 'index.html'), 'utf8')).toBe('<h1>hi</h1>');

  // F2 renames on the server.
  await remote.row('old-name.txt').click();
  await page.keyboard.press('F2');
  await remote.list.getByRole('textbox', { name: 'New name for old-name.txt' }).fill('new-name.txt');
  await page.keyboard.press('Enter');
  // (While the rename is on its way, the row's name is the field's text: wait for the field to go.)
  await expect(remote.list.getByRole('textbox')).toHaveCount(0);
  await expect(remote.row('new-name.txt')).toHaveAttribute('aria-selected', 'true');
  expect(await exists(path.join(vsftpd.root, 'new-name.txt'))).toBe(true);
  expect(await exists(path.join(vsftpd.root, 'old-name.txt'))).toBe(false);

  // Copy URL puts the entry's address (never the password) on the clipboard.
  await remote.row('index.html').click({ button: 'right' });
  await remote.menu.getByRole('menuitem', { name: 'Copy URL' }).click();
  const url = `ftp://${vsftpd.user}@${vsftpd.host}:${vsftpd.port}/index.html`;
  await expect(remote.region.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(`Copied ${url}`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // The menu on the list's background: create a folder and enter it.
  const box = (await remote.list.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 20, { button: 'right' });
  await expect(remote.menu.getByRole('menuitem', { name: 'Rename' })).toHaveAttribute('aria-disabled', 'true');
  await page.screenshot({ path: testInfo.outputPath('remote-menu.png') });
  await remote.menu.getByRole('menuitem', { name: 'Create folder and enter it' }).click();
  const create = page.getByRole('dialog', { name: 'Create folder and enter it' });
  await create.getByLabel('Folder name').fill('uploads');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(remote.breadcrumb.getByRole('button', { name: 'uploads' })).toHaveAttribute('aria-current', 'location');
  await expect(remote.region.getByText('This folder is empty.')).toBeVisible();
  expect((await stat(path.join(vsftpd.root, 'uploads'))).isDirectory()).toBe(true);

  // Back up, then delete a folder with everything in it.
  await remote.list.focus();
  await page.keyboard.press('Backspace');
  await remote.row('site').click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete "site"?' });
  await expect(confirm).toContainText(`deleted from ${vsftpd.host} permanently`);
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(remote.row('site')).toHaveCount(0);
  expect(await exists(path.join(vsftpd.root, 'site'))).toBe(false);
  await page.screenshot({ path: testInfo.outputPath('remote-after-delete.png') });
});

test('on vsftpd: the permissions dialog keeps checkboxes and octal in step and changes the mode on disk', async ({ page, ferry, vsftpd }, testInfo) => {
  await writeFile(path.join(vsftpd.root, 'deploy.sh'), '#!/bin/sh\n');
  await chmod(path.join(vsftpd.root, 'deploy.sh'), 0o644);
  await mkdir(path.join(vsftpd.root, 'public', 'css'), { recursive: true, mode: 0o755 });
  await chmod(path.join(vsftpd.root, 'public', 'css'), 0o755);
  await writeFile(path.join(vsftpd.root, 'public', 'index.html'), 'x');
  await writeFile(path.join(vsftpd.root, 'public', 'css', 'site.css'), 'x');
  await giveToTestUser(vsftpd.root);

  await page.goto(ferry.url);
  await quickConnect(page, vsftpd, 'FTP – plain (insecure)');
  const remote = paneOf(page, 'Remote');

  await remote.row('deploy.sh').click({ button: 'right' });
  await remote.menu.getByRole('menuitem', { name: 'Permissions…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Permissions of "deploy.sh"' });
  const box = (who: string, what: string) => dialog.getByRole('group', { name: who }).getByRole('checkbox', { name: what });
  const octal = dialog.getByLabel('Numeric value');
  await expect(octal).toHaveValue('644');
  await expect(box('Owner', 'Write')).toBeChecked();
  await expect(box('Group', 'Write')).not.toBeChecked();

  // Checkboxes → octal.
  await box('Owner', 'Execute').check();
  await box('Group', 'Execute').check();
  await box('Public', 'Execute').check();
  await expect(octal).toHaveValue('755');
  // Octal → checkboxes.
  await octal.fill('750');
  await expect(box('Public', 'Read')).not.toBeChecked();
  await expect(box('Public', 'Execute')).not.toBeChecked();
  await expect(box('Group', 'Read')).toBeChecked();
  // Nonsense is refused before anything is sent.
  await octal.fill('79');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await octal.fill('750');
  await page.screenshot({ path: testInfo.outputPath('permissions-dialog.png') });
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect(remote.row('deploy.sh')).toContainText('rwxr-x---');
  expect(await modeOf(path.join(vsftpd.root, 'deploy.sh'))).toBe(0o750);

  // A folder can pass the change on to what it contains: here to the files only.
  await remote.row('public').click({ button: 'right' });
  await remote.menu.getByRole('menuitem', { name: 'Permissions…' }).click();
  const folderDialog = page.getByRole('dialog', { name: 'Permissions of "public"' });
  await expect(folderDialog.getByRole('radio', { name: 'Files only' })).toBeDisabled();
  await folderDialog.getByRole('checkbox', { name: 'Recurse into subfolders' }).check();
  await folderDialog.getByRole('radio', { name: 'Files only' }).check();
  await folderDialog.getByLabel('Numeric value').fill('700');
  await folderDialog.getByRole('button', { name: 'Apply' }).click();
  await expect(folderDialog).toBeHidden();
  // The chosen folder and every file inside changed; the subfolder (not a file) kept its mode.
  expect(await modeOf(path.join(vsftpd.root, 'public'))).toBe(0o700);
  expect(await modeOf(path.join(vsftpd.root, 'public', 'index.html'))).toBe(0o700);
  expect(await modeOf(path.join(vsftpd.root, 'public', 'css', 'site.css'))).toBe(0o700);
  expect(await modeOf(path.join(vsftpd.root, 'public', 'css'))).toBe(0o755);
});
