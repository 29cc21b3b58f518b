import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { callFerry, connectPlainFtp, exists, queueOf } from './queue-helpers';

test('a selection of folders and files downloads as ONE batch that expands to its items', async ({ page, ferry, vsftpd }, testInfo) => {
  // site/ (index.html, css/ with 2 files, img/ with 20 files) and readme.txt: 24 files, 3 folders.
  await mkdir(path.join(vsftpd.root, 'site', 'css'), { recursive: true });
  await mkdir(path.join(vsftpd.root, 'site', 'img'));
  await writeFile(path.join(vsftpd.root, 'site', 'index.html'), '<h1>home</h1>');
  await writeFile(path.join(vsftpd.root, 'site', 'css', 'main.css'), 'body{}');
  await writeFile(path.join(vsftpd.root, 'site', 'css', 'print.css'), '@media print{}');
  for (let i = 1; i <= 20; i++) await writeFile(path.join(vsftpd.root, 'site', 'img', `photo-${i}.jpg`), `jpeg ${i}`.repeat(100 * i));
  await writeFile(path.join(vsftpd.root, 'readme.txt'), 'read me');
  await writeFile(path.join(vsftpd.root, 'other.txt'), 'not selected');
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  const local = paneOf(page, 'Local');
  const queue = queueOf(page);

  // Select the folder and one file, then "Download" from the context menu.
  await remote.row('site').click();
  await remote.row('readme.txt').click({ modifiers: ['Control'] });
  await remote.row('readme.txt').click({ button: 'right' });
  await remote.menu.getByRole('menuitem', { name: 'Download' }).click();

  // One batch for the one action; it finishes with every item counted.
  await queue.tab('Done').click();
  const batch = queue.batch('2 items from /');
  await expect(batch).toContainText('27 / 27', { timeout: 60_000 });
  await expect(batch).toContainText('Done');
  await expect(queue.tab('Done')).toHaveText('Done (27)');
  await expect(queue.tab('Queued and active')).toHaveText('Queued and active (0)');
  await expect(batch.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(queue.status).toContainText('Idle');
  expect(await readFile(path.join(ferry.home, 'site', 'img', 'photo-20.jpg'), 'utf8')).toBe('jpeg 20'.repeat(2000));
  expect(await readFile(path.join(ferry.home, 'site', 'css', 'print.css'), 'utf8')).toBe('@media print{}');
  expect(await readFile(path.join(ferry.home, 'readme.txt'), 'utf8')).toBe('read me');
  expect(await exists(path.join(ferry.home, 'other.txt'))).toBe(false);
  // The local pane lists what arrived.
  await expect(local.row('site')).toBeVisible();
  await expect(local.row('readme.txt')).toBeVisible();

  // Expanding the batch lists its items (paged from the main process) with both paths.
  await batch.getByRole('button', { name: 'Expand 2 items from /' }).click();
  await expect(batch).toHaveAttribute('aria-expanded', 'true');
  await expect(queue.items).not.toHaveCount(0);
  const readme = queue.items.filter({ hasText: 'readme.txt' });
  await expect(readme).toContainText(`/readme.txt → ${path.join(ferry.home, 'readme.txt')}`);
  await expect(readme).toContainText('Done');
  await page.screenshot({ path: testInfo.outputPath('batch-done-expanded.png') });

  // The keyboard walks the tree: Left on an item goes to its batch, Left again collapses it.
  await readme.click();
  await page.keyboard.press('ArrowLeft');
  await expect(batch).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(batch).toHaveAttribute('aria-expanded', 'false');
  await expect(queue.items).toHaveCount(0);

  // Enter on a file in the server pane downloads it to the local folder.
  await remote.row('other.txt').click();
  await page.keyboard.press('Enter');
  await expect(local.row('other.txt')).toBeVisible({ timeout: 30_000 });
  expect(await readFile(path.join(ferry.home, 'other.txt'), 'utf8')).toBe('not selected');

  // Clear finished empties the Done tab.
  await queue.tools.getByRole('button', { name: 'Clear finished' }).click();
  await expect(queue.tab('Done')).toHaveText('Done (0)');
  await expect(queue.grid).toContainText('No finished transfers.');
});

test('upload with the local menu and a double-click; pause, resume and priority from the queue', async ({ page, ferry, vsftpd }, testInfo) => {
  await mkdir(path.join(ferry.home, 'album'));
  for (let i = 1; i <= 5; i++) await writeFile(path.join(ferry.home, 'album', `track-${i}.flac`), Buffer.alloc(200_000, i));
  await writeFile(path.join(ferry.home, 'cover.jpg'), 'cover');
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  const local = paneOf(page, 'Local');
  const queue = queueOf(page);

  // Slow enough to act on while it runs (40 KB/s for 1 MB).
  await callFerry(ferry.url, 'transfers.setLimits', { speed: { upload: 40_000 } });
  await local.row('album').click({ button: 'right' });
  await local.menu.getByRole('menuitem', { name: 'Upload' }).click();
  const batch = queue.batch('album');
  await expect(batch).toContainText('Transferring');

  // Pause the batch with its toolbar button, resume it with the keyboard (Space).
  await batch.click();
  await queue.tools.getByRole('button', { name: 'Pause batch' }).click();
  await expect(batch).toContainText('Paused');
  await expect(queue.status).toContainText('Paused');
  await page.screenshot({ path: testInfo.outputPath('batch-paused.png') });
  // Back in the list, + raises the priority.
  await batch.click();
  await page.keyboard.press('+');
  await expect(batch).toContainText('High');
  await page.keyboard.press(' ');
  await expect(batch).toContainText('Transferring');
  await expect(queue.status).toContainText('Transferring…');

  // Lift the limit; everything arrives.
  await callFerry(ferry.url, 'transfers.setLimits', { speed: { upload: 0 } });
  await queue.tab('Done').click();
  await expect(queue.batch('album')).toContainText('6 / 6', { timeout: 60_000 });
  for (let i = 1; i <= 5; i++) expect((await readFile(path.join(vsftpd.root, 'album', `track-${i}.flac`))).equals(Buffer.alloc(200_000, i))).toBe(true);
  await expect(remote.row('album')).toBeVisible();

  // A double-click on a local file uploads it into the server's folder.
  await local.row('cover.jpg').dblclick();
  await expect(remote.row('cover.jpg')).toBeVisible({ timeout: 30_000 });
  expect(await readFile(path.join(vsftpd.root, 'cover.jpg'), 'utf8')).toBe('cover');
});
