import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { giveToTestUser } from '../testkit/servers';
import { paneOf, quickConnect } from './fixtures/panes';
import { expect, test } from './fixtures/servers';

test('directory comparison marks newer, different size and one-sided entries on both panes', async ({ page, ferry, vsftpd }, testInfo) => {
  // Times a few hours ago: within six months, so LIST shows them to the minute.
  const base = new Date(Date.now() - 5 * 3_600_000);
  base.setUTCSeconds(0, 0);
  const at = (minutesLater: number) => new Date(base.getTime() + minutesLater * 60_000);
  const put = async (folder: string, name: string, content: string, time: Date) => {
    await writeFile(path.join(folder, name), content);
    await utimes(path.join(folder, name), time, time);
  };
  await put(ferry.home, 'same.txt', 'same', at(0));
  await put(vsftpd.root, 'same.txt', 'same', at(0));
  await put(ferry.home, 'edited.txt', 'v2', at(90));
  await put(vsftpd.root, 'edited.txt', 'v1', at(0));
  await put(ferry.home, 'grown.log', 'a much longer text', at(0));
  await put(vsftpd.root, 'grown.log', 'short', at(0));
  await put(ferry.home, 'draft-only-here.md', 'x', at(0));
  await put(vsftpd.root, 'server-only.cfg', 'x', at(0));
  await giveToTestUser(vsftpd.root);

  await page.goto(ferry.url);
  const toggles = page.getByRole('toolbar', { name: 'Both panes' });
  await expect(toggles.getByRole('button', { name: 'Compare folders' })).toBeDisabled();
  await quickConnect(page, vsftpd, 'FTP – plain (insecure)');
  const local = paneOf(page, 'Local');
  const remote = paneOf(page, 'Remote');
  await expect(remote.row('server-only.cfg')).toBeVisible();

  await toggles.getByRole('button', { name: 'Compare folders' }).click();
  await expect(toggles.getByRole('button', { name: 'Compare folders' })).toHaveAttribute('aria-pressed', 'true');
  await expect(toggles.getByRole('list', { name: 'Comparison marks' })).toBeVisible();

  // Each mark is a colour plus words a screen reader reads as part of the row.
  await expect(local.row('edited.txt')).toHaveAccessibleName(/newer than the other side/);
  await expect(remote.row('edited.txt')).not.toHaveAccessibleName(/newer|different|only/);
  await expect(local.row('grown.log')).toHaveAccessibleName(/different size/);
  await expect(remote.row('grown.log')).toHaveAccessibleName(/different size/);
  await expect(local.row('draft-only-here.md')).toHaveAccessibleName(/only on this side/);
  await expect(remote.row('server-only.cfg')).toHaveAccessibleName(/only on this side/);
  await expect(local.row('same.txt')).not.toHaveAccessibleName(/newer|different|only/);
  await expect(remote.row('same.txt')).not.toHaveAccessibleName(/newer|different|only/);
  await page.screenshot({ path: testInfo.outputPath('comparison.png') });

  // Off again: no marks.
  await toggles.getByRole('button', { name: 'Compare folders' }).click();
  await expect(local.row('draft-only-here.md')).not.toHaveAccessibleName(/only on this side/);
});

test('synchronized browsing follows folders on the other side and stops when one is missing', async ({ page, ferry, vsftpd }, testInfo) => {
  await mkdir(path.join(ferry.home, 'site', 'img'), { recursive: true });
  await mkdir(path.join(ferry.home, 'site', 'drafts'));
  await mkdir(path.join(vsftpd.root, 'site', 'img'), { recursive: true });
  await writeFile(path.join(vsftpd.root, 'site', 'img', 'logo.png'), 'png');
  await writeFile(path.join(ferry.home, 'site', 'img', 'logo-local.png'), 'png');
  await giveToTestUser(vsftpd.root);

  await page.goto(ferry.url);
  await quickConnect(page, vsftpd, 'FTP – plain (insecure)');
  const local = paneOf(page, 'Local');
  const remote = paneOf(page, 'Remote');
  await expect(remote.row('site')).toBeVisible();
  const sync = page.getByRole('toolbar', { name: 'Both panes' }).getByRole('button', { name: 'Synchronized browsing' });
  await sync.click();
  await expect(sync).toHaveAttribute('aria-pressed', 'true');

  // Entering a folder locally enters it on the server, and the other way round.
  await local.row('site').dblclick();
  await expect(remote.breadcrumb.getByRole('button', { name: 'site' })).toHaveAttribute('aria-current', 'location');
  await remote.row('img').dblclick();
  await expect(local.row('logo-local.png')).toBeVisible();
  await expect(remote.row('logo.png')).toBeVisible();

  // Up on one side is up on the other.
  await local.list.focus();
  await page.keyboard.press('Backspace');
  await expect(remote.breadcrumb.getByRole('button', { name: 'site' })).toHaveAttribute('aria-current', 'location');

  // A folder the server does not have: synchronized browsing turns itself off and says why.
  await local.row('drafts').dblclick();
  await expect(page.getByRole('toolbar', { name: 'Both panes' }).getByRole('status')).toContainText('"drafts" does not exist on the remote side');
  await expect(sync).toHaveAttribute('aria-pressed', 'false');
  await expect(remote.breadcrumb.getByRole('button', { name: 'site' })).toHaveAttribute('aria-current', 'location');
  await page.screenshot({ path: testInfo.outputPath('sync-stopped.png') });
});
