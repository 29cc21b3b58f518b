import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { giveToTestUser } from '../testkit/servers';
import { connectPlainFtp, dropFiles, exists, generatedBytes, queueOf } from './queue-helpers';

test('files dropped from the operating system onto the server pane are uploaded, bytes and all', async ({ page, ferry, vsftpd }, testInfo) => {
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  const queue = queueOf(page);
  const hint = page.getByRole('status', { name: 'Drop target' });
  const bigSize = 2 * 1024 * 1024 + 123_457; // three chunks of at most 1 MiB
  const when = Date.UTC(2023, 4, 17, 10, 30, 0);

  await dropFiles(
    page,
    remote.list,
    [
      { name: 'notes.txt', content: 'dropped from the desktop', lastModified: when },
      { name: 'photo.raw', content: bigSize },
    ],
    async () => {
      await expect(hint).toHaveText('Upload 2 items to /');
      await page.screenshot({ path: testInfo.outputPath('drop-hint.png') });
    },
  );
  await expect(hint).toBeHidden();

  // The drop is one batch; once done, the pane lists the files and they are on the server's disk.
  await expect(remote.row('notes.txt')).toBeVisible({ timeout: 30_000 });
  await expect(remote.row('photo.raw')).toBeVisible();
  expect(await readFile(path.join(vsftpd.root, 'notes.txt'), 'utf8')).toBe('dropped from the desktop');
  expect((await readFile(path.join(vsftpd.root, 'photo.raw'))).equals(generatedBytes(bigSize))).toBe(true);
  await queue.tab('Done').click();
  await expect(queue.batch('2 dropped items')).toContainText('2 / 2');
  await expect(queue.status).toContainText('Idle');
  await page.screenshot({ path: testInfo.outputPath('dropped-and-uploaded.png') });

  // Files from the operating system cannot be dropped onto the local pane: the hint says where to drop them.
  const local = paneOf(page, 'Local');
  await dropFiles(page, local.list, [{ name: 'x.txt', content: 'x' }], async () => {
    await expect(hint).toContainText('onto the server pane');
  });
  expect(await exists(path.join(ferry.home, 'x.txt'))).toBe(false);
  // Nothing is left in the staging folder once the batch uploaded.
  await expect.poll(() => readdir(path.join(ferry.dataDir, 'uploads'))).toEqual([]);
});

test('dragging a server file onto the local pane downloads it, onto a folder row into that folder', async ({ page, ferry, vsftpd }, testInfo) => {
  await writeFile(path.join(vsftpd.root, 'report.pdf'), 'quarterly report');
  await writeFile(path.join(vsftpd.root, 'logo.png'), 'png bytes');
  await mkdir(path.join(ferry.home, 'inbox'));
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  const local = paneOf(page, 'Local');
  const hint = page.getByRole('status', { name: 'Drop target' });
  await expect(local.row('inbox')).toBeVisible();

  // While dragging, the hint says what will happen; the list is the current folder.
  await remote.row('report.pdf').hover();
  await page.mouse.down();
  const box = (await local.list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 30, { steps: 5 });
  await expect(hint).toHaveText(`Download report.pdf to ${ferry.home}`);
  await page.screenshot({ path: testInfo.outputPath('drag-to-local.png') });
  await page.mouse.up();
  await expect(hint).toBeHidden();
  await expect(local.row('report.pdf')).toBeVisible({ timeout: 30_000 });
  expect(await readFile(path.join(ferry.home, 'report.pdf'), 'utf8')).toBe('quarterly report');

  // Dropped onto a folder row, it goes into that folder.
  await remote.row('logo.png').hover();
  await page.mouse.down();
  const folder = (await local.row('inbox').boundingBox())!;
  await page.mouse.move(folder.x + 40, folder.y + folder.height / 2, { steps: 5 });
  await expect(hint).toHaveText(`Download logo.png to ${path.join(ferry.home, 'inbox')}`);
  await page.mouse.up();
  await expect.poll(() => exists(path.join(ferry.home, 'inbox', 'logo.png')), { timeout: 30_000 }).toBe(true);
  expect(await readFile(path.join(ferry.home, 'inbox', 'logo.png'), 'utf8')).toBe('png bytes');

  // Dragging within one pane does nothing.
  await remote.row('report.pdf').dragTo(remote.list);
  await queueOf(page).tab('Done').click();
  await expect(queueOf(page).tab('Done')).toHaveText('Done (2)');
  await page.screenshot({ path: testInfo.outputPath('downloaded-by-drag.png') });
});

test('dragging a local selection onto a server folder row uploads it into that folder as one batch', async ({ page, ferry, vsftpd }, testInfo) => {
  await mkdir(path.join(vsftpd.root, 'img'));
  await giveToTestUser(vsftpd.root);
  await writeFile(path.join(ferry.home, 'a.png'), 'png a');
  await writeFile(path.join(ferry.home, 'b.png'), 'png b');
  await writeFile(path.join(ferry.home, 'c.txt'), 'not dragged');
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  const local = paneOf(page, 'Local');
  const hint = page.getByRole('status', { name: 'Drop target' });

  await local.row('a.png').click();
  await local.row('b.png').click({ modifiers: ['Control'] });
  await local.row('b.png').hover();
  await page.mouse.down();
  const folder = (await remote.row('img').boundingBox())!;
  await page.mouse.move(folder.x + 60, folder.y + folder.height / 2, { steps: 5 });
  await expect(hint).toHaveText('Upload 2 items to /img');
  await page.screenshot({ path: testInfo.outputPath('drag-to-server-folder.png') });
  await page.mouse.up();

  await expect.poll(() => exists(path.join(vsftpd.root, 'img', 'b.png')), { timeout: 30_000 }).toBe(true);
  expect(await readFile(path.join(vsftpd.root, 'img', 'a.png'), 'utf8')).toBe('png a');
  expect(await readFile(path.join(vsftpd.root, 'img', 'b.png'), 'utf8')).toBe('png b');
  expect(await exists(path.join(vsftpd.root, 'img', 'c.txt'))).toBe(false);
  const queue = queueOf(page);
  await queue.tab('Done').click();
  await expect(queue.batch('2 items from')).toContainText('2 / 2');
});
