/**
 * The site manager in browser mode against a real vsftpd: create, save and
 * connect; passwords never on disk in clear; folders (create, move by menu and
 * by drag, rename, duplicate, delete); validation next to the field; FileZilla
 * import; recent servers in the quick-connect bar.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/servers';

const MASTER = 'correct horse battery staple';

function manager(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Site manager' });
}

async function openManager(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Site manager' }).click();
  await expect(manager(page)).toBeVisible();
  return manager(page);
}

/** Creates a site with "New site" and names it in place, as a user does. */
async function newSite(dialog: Locator, name: string): Promise<void> {
  await dialog.getByRole('button', { name: 'New site' }).click();
  const rename = dialog.getByRole('textbox', { name: /^New name for/ });
  await expect(rename).toBeFocused();
  await rename.fill(name);
  await rename.press('Enter');
  await expect(dialog.getByRole('treeitem', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('form', { name: `Details of ${name}` })).toBeVisible();
}

/** Settings → Passwords → set a master password (so browser mode, which has no keyring, can save passwords). */
async function setMasterPassword(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Passwords' }).click();
  await expect(settings.getByRole('status', { name: 'Password protection' })).toContainText('Passwords are not saved');
  await settings.getByLabel('New master password', { exact: true }).fill(MASTER);
  await settings.getByLabel('Repeat the new master password').fill(MASTER);
  await settings.getByRole('button', { name: 'Set master password' }).click();
  await expect(settings.getByRole('status', { name: 'Password protection' })).toContainText('encrypted with your master password');
  await settings.getByRole('button', { name: 'Cancel' }).click();
  await expect(settings).toBeHidden();
}

/** Every file under `dir`, read as text. */
async function filesUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(file, await readFile(file, 'latin1'));
    }
  }
  return files;
}

test('a site made in the manager connects from it, and its password is never stored in clear', async ({ page, ferry, vsftpd }, testInfo) => {
  await writeFile(path.join(vsftpd.root, 'index.html'), '<h1>hello</h1>');
  await page.goto(ferry.url);
  await setMasterPassword(page);

  // Ctrl+S opens the site manager, as in FileZilla.
  await page.keyboard.press('Control+s');
  const dialog = manager(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('No sites yet.')).toBeVisible();
  await newSite(dialog, 'Local vsftpd');

  const details = dialog.getByRole('form', { name: 'Details of Local vsftpd' });
  await expect(details.getByLabel('Port', { exact: true })).toHaveAttribute('placeholder', '21');
  await details.getByLabel('Encryption').selectOption({ label: 'Only use plain FTP (insecure)' });
  await expect(details.getByText('Insecure', { exact: true })).toBeVisible();
  await details.getByLabel('Host').fill(vsftpd.host);
  await details.getByLabel('Port', { exact: true }).fill(String(vsftpd.port));
  await details.getByLabel('Logon type').selectOption('normal');
  await details.getByLabel('User').fill(vsftpd.user);
  await details.getByLabel('Password', { exact: true }).fill(vsftpd.password);
  // SFTP hides what only FTP has; FTP shows it again.
  await details.getByLabel('Protocol').selectOption('sftp');
  await expect(details.getByLabel('Encryption')).toHaveCount(0);
  await expect(details.getByLabel('Account')).toHaveCount(0);
  await expect(details.getByLabel('Port', { exact: true })).toHaveAttribute('placeholder', '22');
  await details.getByLabel('Protocol').selectOption('ftp');
  await expect(details.getByLabel('Encryption')).toHaveValue('plain');
  // Anonymous logon has no user or password.
  await details.getByLabel('Logon type').selectOption('anonymous');
  await expect(details.getByLabel('User')).toHaveCount(0);
  await details.getByLabel('Logon type').selectOption('normal');

  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(details.getByText('Saved', { exact: true })).toBeVisible();
  await expect(details.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('site-manager-saved.png') });

  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog).toBeHidden();
  const list = page.getByRole('grid', { name: 'Remote file list' });
  await expect(list.getByRole('row', { name: /index\.html/ })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Insecure connection' })).toBeVisible();

  // The site is on disk; its password is not, in any file.
  const files = await filesUnder(ferry.dataDir);
  const sitesFile = [...files].find(([file]) => path.basename(file) === 'sites.json');
  expect(sitesFile?.[1]).toContain('Local vsftpd');
  expect([...files.keys()].map((f) => path.basename(f))).toContain('secrets.json');
  for (const [file, text] of files) {
    expect(text.includes(vsftpd.password), `${file} holds the password`).toBe(false);
    expect(text.includes(Buffer.from(vsftpd.password).toString('base64')), `${file} holds the password in base64`).toBe(false);
  }
});

test('without a keyring or master password the site asks for its password when connecting', async ({ page, ferry, vsftpd }) => {
  await writeFile(path.join(vsftpd.root, 'readme.txt'), 'hi');
  await page.goto(ferry.url);
  const dialog = await openManager(page);
  await newSite(dialog, 'Ask me');
  const details = dialog.getByRole('form', { name: 'Details of Ask me' });
  await details.getByLabel('Encryption').selectOption('plain');
  await details.getByLabel('Host').fill(vsftpd.host);
  await details.getByLabel('Port', { exact: true }).fill(String(vsftpd.port));
  await details.getByLabel('User').fill(vsftpd.user);
  // Browser mode has no keyring: the field says why it cannot save, instead of dropping a typed password.
  const password = details.getByLabel('Password', { exact: true });
  await expect(password).toBeDisabled();
  await expect(password).toHaveAccessibleDescription(/Passwords are not saved/);
  // Connect saves the changes first.
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();

  const prompt = page.getByRole('dialog', { name: `Password for ${vsftpd.user}@${vsftpd.host}` });
  await prompt.getByLabel('Password').fill(vsftpd.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('grid', { name: 'Remote file list' }).getByRole('row', { name: /readme\.txt/ })).toBeVisible();

  // Reopened, the manager shows the saved site where it was.
  await openManager(page);
  await expect(manager(page).getByRole('treeitem', { name: 'Ask me' })).toHaveAttribute('aria-selected', 'true');
  await expect(manager(page).getByLabel('Host')).toHaveValue(vsftpd.host);
});

test('folders: create, move a site in by menu and by drag, rename, duplicate, delete', async ({ page, ferry }, testInfo) => {
  await page.goto(ferry.url);
  const dialog = await openManager(page);
  const tree = dialog.getByRole('tree', { name: 'Sites' });

  for (const name of ['Alpha', 'Beta']) {
    await newSite(dialog, name);
    await dialog.getByLabel('Host').fill(`${name.toLowerCase()}.example.com`);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  }
  await dialog.getByRole('button', { name: 'New folder' }).click();
  await dialog.getByRole('textbox', { name: 'New name for New folder' }).fill('Work');
  await dialog.getByRole('textbox', { name: 'New name for New folder' }).press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'New name for New folder' })).toHaveCount(0);
  const work = tree.getByRole('treeitem', { name: 'Work' });
  await expect(work).toHaveAttribute('aria-level', '1');

  // Keyboard path: Move to…
  await tree.getByRole('treeitem', { name: 'Alpha' }).click();
  await dialog.getByRole('button', { name: 'Move to…' }).click();
  const move = page.getByRole('dialog', { name: 'Move “Alpha”' });
  await move.getByLabel('Move to').selectOption({ label: 'Work' });
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(move).toBeHidden();
  await expect(tree.getByRole('treeitem', { name: 'Alpha' })).toHaveAttribute('aria-level', '2');
  await expect(work).toHaveAttribute('aria-expanded', 'true');

  // Drag: Beta onto the folder.
  await tree.getByRole('treeitem', { name: 'Beta' }).dragTo(work);
  await expect(tree.getByRole('treeitem', { name: 'Beta' })).toHaveAttribute('aria-level', '2');

  // Arrows move the selection; ← closes the folder from inside it, → opens it again.
  await tree.getByRole('treeitem', { name: 'Alpha' }).click();
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { name: 'Beta' })).toHaveAttribute('aria-selected', 'true');
  await expect(tree.getByRole('treeitem', { name: 'Beta' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(work).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(work).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.getByRole('treeitem', { name: 'Beta' })).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(work).toHaveAttribute('aria-expanded', 'true');

  // F2 renames in place.
  await page.keyboard.press('F2');
  await dialog.getByRole('textbox', { name: 'New name for Work' }).fill('Clients');
  await page.keyboard.press('Enter');
  // Renamed once the field is gone (while it is open, the item's name includes what is typed).
  await expect(dialog.getByRole('textbox', { name: 'New name for Work' })).toHaveCount(0);
  const clients = tree.getByRole('treeitem', { name: 'Clients' });
  await expect(clients).toBeVisible();
  await expect(work).toHaveCount(0);

  // A name that is taken is refused next to the field.
  await tree.getByRole('treeitem', { name: 'Beta' }).click();
  await page.keyboard.press('F2');
  await dialog.getByRole('textbox', { name: 'New name for Beta' }).fill('alpha');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('already a site called "Alpha"');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible(); // Escape cancelled the rename, not the manager.
  await expect(tree.getByRole('treeitem', { name: 'Beta' })).toBeVisible();

  // Duplicate.
  await tree.getByRole('treeitem', { name: 'Alpha' }).click();
  await dialog.getByRole('button', { name: 'Duplicate' }).click();
  await expect(tree.getByRole('treeitem', { name: 'Copy of Alpha' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByLabel('Host')).toHaveValue('alpha.example.com');
  await page.screenshot({ path: testInfo.outputPath('site-manager-folders.png') });

  // Delete the folder: asks first, saying what goes with it.
  await clients.click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete the folder “Clients”?' });
  await expect(confirm).toContainText('The 3 sites in it are deleted too');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog.getByText('No sites yet.')).toBeVisible();
  const saved = JSON.parse(await readFile(path.join(ferry.dataDir, 'sites.json'), 'utf8'));
  expect(JSON.stringify(saved)).not.toContain('Alpha');
});

test('validation messages appear next to the field, and unsaved changes are not lost silently', async ({ page, ferry }, testInfo) => {
  await page.goto(ferry.url);
  const dialog = await openManager(page);
  await newSite(dialog, 'First');
  await dialog.getByLabel('User').fill('someone');
  await dialog.getByLabel('Port', { exact: true }).fill('70000');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();

  const host = dialog.getByLabel('Host');
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  await expect(host).toHaveAccessibleDescription('Enter the server’s host name or address.');
  await expect(dialog.getByLabel('Port', { exact: true })).toHaveAccessibleDescription(/Enter a port from 1 to 65535/);
  await host.fill('ftp example.com');
  await dialog.getByLabel('Port', { exact: true }).fill('');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(host).toHaveAccessibleDescription('A host cannot contain spaces.');
  await page.screenshot({ path: testInfo.outputPath('site-manager-validation.png') });

  await host.fill('ftp.example.com');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(host).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  // Switching away from a changed site asks; Cancel stays, Discard drops the change.
  await dialog.getByRole('button', { name: 'New site' }).click();
  await dialog.getByRole('textbox', { name: /^New name for/ }).press('Enter');
  await dialog.getByRole('treeitem', { name: 'First' }).click();
  // Wait until First's saved fields are shown before typing (the form loads on selection).
  await expect(dialog.getByLabel('Host')).toHaveValue('ftp.example.com');
  await dialog.getByLabel('Host').fill('changed.example.com');
  await dialog.getByRole('treeitem', { name: 'New site' }).click();
  const ask = page.getByRole('dialog', { name: 'Save your changes?' });
  await expect(ask).toContainText('“First” has changes');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByLabel('Host')).toHaveValue('changed.example.com');
  await dialog.getByRole('treeitem', { name: 'New site' }).click();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog.getByRole('treeitem', { name: 'New site' })).toHaveAttribute('aria-selected', 'true');
  await dialog.getByRole('treeitem', { name: 'First' }).click();
  await expect(dialog.getByLabel('Host')).toHaveValue('ftp.example.com');
});

test('imports FileZilla’s sitemanager.xml with folders, passwords and bookmarks', async ({ page, ferry }, testInfo) => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.66.0" platform="windows">
  <Servers>
    <Folder expanded="1">Clients
      <Server>
        <Host>ftp.acme.example</Host>
        <Port>2121</Port>
        <Protocol>0</Protocol>
        <Type>0</Type>
        <User>acme</User>
        <Pass encoding="base64">${Buffer.from('acme-secret').toString('base64')}</Pass>
        <Logontype>1</Logontype>
        <PasvMode>MODE_DEFAULT</PasvMode>
        <Comments>Acme's shop</Comments>
        <LocalDir />
        <RemoteDir />
        <SyncBrowsing>0</SyncBrowsing>
        <Name>Acme</Name>
        <Bookmark>
          <Name>Logs</Name>
          <RemoteDir>1 0 3 var 3 log</RemoteDir>
        </Bookmark>
      </Server>
    </Folder>
    <Server>
      <Host>sftp.example.org</Host>
      <Port>22</Port>
      <Protocol>1</Protocol>
      <Type>0</Type>
      <User>me</User>
      <Logontype>2</Logontype>
      <Name>Personal</Name>
    </Server>
  </Servers>
</FileZilla3>
`;
  const file = testInfo.outputPath('sitemanager.xml');
  await writeFile(file, xml);
  await page.goto(ferry.url);
  await setMasterPassword(page);
  const dialog = await openManager(page);
  await dialog.getByLabel('Import…').setInputFiles(file);

  const report = page.getByRole('dialog', { name: 'Import finished' });
  await expect(report.getByRole('status', { name: 'Import summary' })).toHaveText(
    'Imported 2 sites and 1 folder from sitemanager.xml, with 1 saved password.',
  );
  await page.screenshot({ path: testInfo.outputPath('site-manager-import.png') });
  await report.getByRole('button', { name: 'OK' }).click();

  const tree = dialog.getByRole('tree', { name: 'Sites' });
  await expect(tree.getByRole('treeitem', { name: 'Personal' })).toBeVisible();
  await tree.getByRole('treeitem', { name: 'Clients' }).click();
  await page.keyboard.press('ArrowRight');
  await tree.getByRole('treeitem', { name: 'Acme' }).click();
  const details = dialog.getByRole('form', { name: 'Details of Acme' });
  await expect(details.getByLabel('Host')).toHaveValue('ftp.acme.example');
  await expect(details.getByLabel('Port', { exact: true })).toHaveValue('2121');
  await expect(details.getByText('Saved', { exact: true })).toBeVisible();
  await expect(details.getByLabel('Bookmark 1 name')).toHaveValue('Logs');
  await expect(details.getByLabel('Bookmark 1 remote folder')).toHaveValue('/var/log');
  await expect(details.getByLabel('Comments')).toHaveValue("Acme's shop");

  // Bookmarks: add one, remove the imported one, save.
  await details.getByRole('button', { name: 'Add bookmark' }).click();
  await details.getByLabel('Bookmark 2 name').fill('Web root');
  await details.getByLabel('Bookmark 2 remote folder').fill('/www');
  await details.getByRole('button', { name: 'Remove bookmark Logs' }).click();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await expect(details.getByLabel('Bookmark 1 name')).toHaveValue('Web root');

  await tree.getByRole('treeitem', { name: 'Personal' }).click();
  await expect(dialog.getByLabel('Protocol')).toHaveValue('sftp');
  await expect(dialog.getByLabel('Logon type')).toHaveValue('ask');

  // Export without passwords downloads the file's text.
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const exporting = page.getByRole('dialog', { name: 'Export sites' });
  const download = page.waitForEvent('download');
  await exporting.getByRole('button', { name: 'Export' }).click();
  const exported = await download;
  expect(exported.suggestedFilename()).toBe('sitemanager.xml');
  const text = await readFile(await exported.path(), 'utf8');
  expect(text).toContain('ftp.acme.example');
  expect(text).not.toContain(Buffer.from('acme-secret').toString('base64'));
  await page.getByRole('dialog', { name: 'Export finished' }).getByRole('button', { name: 'OK' }).click();
});

test('recent servers fill the quick-connect bar and can be cleared', async ({ page, ferry, vsftpd }) => {
  await page.goto(ferry.url);
  const bar = page.getByRole('form', { name: 'Quick connect' });
  await bar.getByLabel('Protocol').selectOption({ label: 'FTP – plain (insecure)' });
  await bar.getByLabel('Host').fill(vsftpd.host);
  await bar.getByLabel('Username').fill(vsftpd.user);
  await bar.getByLabel('Password').fill(vsftpd.password);
  await bar.getByLabel('Port', { exact: true }).fill(String(vsftpd.port));
  await bar.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('grid', { name: 'Remote file list' })).toBeVisible();

  await page.reload();
  await expect(bar.getByLabel('Host')).toHaveValue('');
  await bar.getByRole('button', { name: 'Recent servers' }).click();
  const menu = page.getByRole('menu', { name: 'Recent servers' });
  const item = menu.getByRole('menuitem', { name: new RegExp(`${vsftpd.user}@127\\.0\\.0\\.1:${vsftpd.port}`) });
  await expect(item).toBeFocused();
  await expect(item).toContainText('FTP (insecure)');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(bar.getByLabel('Host')).toHaveValue(vsftpd.host);
  await expect(bar.getByLabel('Username')).toHaveValue(vsftpd.user);
  await expect(bar.getByLabel('Port', { exact: true })).toHaveValue(String(vsftpd.port));
  await expect(bar.getByLabel('Protocol')).toHaveValue('ftp-plain');
  await expect(bar.getByLabel('Password')).toHaveValue('');

  await bar.getByRole('button', { name: 'Recent servers' }).click();
  await menu.getByRole('menuitem', { name: 'Clear recent' }).click();
  await bar.getByRole('button', { name: 'Recent servers' }).click();
  await expect(menu.getByRole('menuitem', { name: 'No recent servers yet' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
});
