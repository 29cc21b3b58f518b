import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { connectPlainFtp, queueOf } from './queue-helpers';

test('files that already exist: one sheet for the batch, Skip keeps ours, Keep both adds a copy', async ({ page, ferry, vsftpd }, testInfo) => {
  // Recent whole minutes: the server's listing shows recent times to the minute, so "identical" can be told.
  const minute = (msAgo: number) => new Date(Math.floor((Date.now() - msAgo) / 60_000) * 60_000);
  const old = minute(2 * 86_400_000);
  const newer = minute(3_600_000);
  // Three files differ between the server and this computer; one is identical (same size and time).
  for (const [name, server, local] of [
    ['report.txt', 'server report, longer', 'local report'],
    ['data.csv', 'a,b\n1,2', 'a,b\n1,2\n3,4\n5,6'],
    ['notes.md', '# server', '# local'],
  ] as const) {
    await writeFile(path.join(vsftpd.root, name), server);
    await utimes(path.join(vsftpd.root, name), newer, newer);
    await writeFile(path.join(ferry.home, name), local);
    await utimes(path.join(ferry.home, name), old, old);
  }
  await writeFile(path.join(vsftpd.root, 'same.txt'), 'identical');
  await utimes(path.join(vsftpd.root, 'same.txt'), old, old);
  await writeFile(path.join(ferry.home, 'same.txt'), 'identical');
  await utimes(path.join(ferry.home, 'same.txt'), old, old);

  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  const queue = queueOf(page);
  const download = async (): Promise<void> => {
    await remote.list.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Shift+F10');
    await remote.menu.getByRole('menuitem', { name: 'Download' }).click();
  };

  await download();
  const sheet = page.getByRole('dialog', { name: '3 files already exist' });
  await expect(sheet).toBeVisible();
  const table = sheet.getByRole('table', { name: 'Files that already exist' });
  await expect(table.getByRole('row')).toHaveCount(4); // header + 3; the identical file was skipped without asking
  const report = table.getByRole('row', { name: /report\.txt/ });
  await expect(report).toContainText('21 B');
  await expect(report).toContainText('12 B');
  // The server's copy is newer and larger: both are marked on its side.
  await expect(report).toContainText('newer');
  await expect(report).toContainText('larger');
  await expect(table.getByRole('row', { name: /data\.csv/ })).toContainText('larger');
  await expect(sheet).toContainText('same size and time were skipped');
  await page.screenshot({ path: testInfo.outputPath('conflict-sheet.png') });

  // Skip, for the whole batch: nothing here changes.
  await sheet.getByRole('button', { name: 'Skip', exact: true }).click();
  await expect(sheet).toBeHidden();
  await queue.tab('Done').click();
  await expect(queue.batch('4 items from /')).toContainText('4 skipped');
  expect(await readFile(path.join(ferry.home, 'report.txt'), 'utf8')).toBe('local report');
  expect(await readFile(path.join(ferry.home, 'data.csv'), 'utf8')).toBe('a,b\n1,2\n3,4\n5,6');

  // Again, and this time keep both: ours stays, the server's arrives under a free name.
  await download();
  await expect(sheet).toBeVisible();
  // Answer one file on its own first: check it, the scope follows.
  await sheet.getByRole('checkbox', { name: 'Choose notes.md' }).check();
  await expect(sheet.getByRole('radio', { name: 'The checked files (1)' })).toBeChecked();
  await sheet.getByRole('button', { name: 'Overwrite', exact: true }).click();
  await expect(page.getByRole('dialog', { name: '2 files already exist' })).toBeVisible();
  await page.getByRole('dialog', { name: '2 files already exist' }).getByRole('button', { name: 'Keep both' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect.poll(async () => (await readdir(ferry.home)).filter((n) => !n.startsWith('.')).sort(), { timeout: 30_000 }).toEqual([
    'data (1).csv',
    'data.csv',
    'notes.md',
    'report (1).txt',
    'report.txt',
    'same.txt',
  ]);
  expect(await readFile(path.join(ferry.home, 'report.txt'), 'utf8')).toBe('local report');
  expect(await readFile(path.join(ferry.home, 'report (1).txt'), 'utf8')).toBe('server report, longer');
  expect(await readFile(path.join(ferry.home, 'data (1).csv'), 'utf8')).toBe('a,b\n1,2');
  expect(await readFile(path.join(ferry.home, 'notes.md'), 'utf8')).toBe('# server');
  await expect(paneOf(page, 'Local').row('report (1).txt')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('kept-both.png') });
});

test('"Decide later" puts the sheet aside; the batch row offers it again, also after a reload', async ({ page, ferry, vsftpd }) => {
  await writeFile(path.join(vsftpd.root, 'a.txt'), 'server');
  await writeFile(path.join(ferry.home, 'a.txt'), 'local, different');
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const queue = queueOf(page);
  await paneOf(page, 'Remote').row('a.txt').dblclick();
  const sheet = page.getByRole('dialog', { name: '1 file already exists' });
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Decide later' }).click();
  await expect(sheet).toBeHidden();
  const batch = queue.batch('a.txt');
  await expect(batch).toContainText('1 already exist');

  // The question survives a reload of the window: the main process still waits for it.
  await page.reload();
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await batch.getByRole('button', { name: 'Resolve 1…' }).click();
  await sheet.getByRole('button', { name: 'Overwrite', exact: true }).click();
  await expect(sheet).toBeHidden();
  await expect.poll(() => readFile(path.join(ferry.home, 'a.txt'), 'utf8'), { timeout: 30_000 }).toBe('server');
});
