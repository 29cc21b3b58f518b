/** The README's two pictures: a connected workspace, and the queue mid-transfer. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../../e2e/fixtures/servers';
import { callFerry, connectPlainFtp, queueOf } from '../../e2e/queue-helpers';
import { giveToTestUser } from '../../testkit/servers';

const docs = path.resolve(__dirname, '..');

test('screenshots for the README', async ({ page, ferry, vsftpd }) => {
  // A believable website on the server and a project at home.
  for (const folder of ['assets', 'blog', 'css', 'img', 'js']) await mkdir(path.join(vsftpd.root, folder));
  for (const [name, size] of [['index.html', 18_400], ['about.html', 9_200], ['robots.txt', 120], ['sitemap.xml', 4_800], ['favicon.ico', 15_086]] as const) {
    await writeFile(path.join(vsftpd.root, name), Buffer.alloc(size, 'x'));
  }
  await giveToTestUser(vsftpd.root);
  const site = path.join(ferry.home, 'website');
  await mkdir(path.join(site, 'photos'), { recursive: true });
  for (const folder of ['drafts', 'theme']) await mkdir(path.join(site, folder));
  for (const [name, size] of [['index.html', 18_400], ['about.html', 9_900], ['README.md', 2_300]] as const) {
    await writeFile(path.join(site, name), Buffer.alloc(size, 'y'));
  }
  for (let i = 1; i <= 40; i++) await writeFile(path.join(site, 'photos', `IMG_${String(4000 + i)}.jpg`), Buffer.alloc(400_000 + i * 7_000, i));

  await page.setViewportSize({ width: 1360, height: 820 });
  await page.goto(ferry.url);
  await page.getByRole('grid', { name: 'Local file list' }).getByRole('row', { name: /website/ }).dblclick();
  await connectPlainFtp(page, vsftpd);
  await page.getByRole('grid', { name: 'Remote file list' }).getByRole('row', { name: /index\.html/ }).click();
  await page.screenshot({ path: path.join(docs, 'workspace.png') });

  // Mid-transfer: upload the photos with a speed limit so the queue is caught moving.
  await callFerry(ferry.url, 'transfers.setLimits', { speed: { upload: 1_500_000 } });
  await page.getByRole('grid', { name: 'Remote file list' }).getByRole('row', { name: /img/ }).dblclick();
  const photos = page.getByRole('grid', { name: 'Local file list' }).getByRole('row', { name: /photos/ });
  await photos.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Upload' }).click();
  const queue = queueOf(page);
  await expect(queue.status).toContainText('Transferring');
  await queue.batch(/photos/).click();
  await page.keyboard.press('ArrowRight');
  await expect(queue.items.first()).toBeVisible();
  await expect(queue.batch(/photos/)).toContainText(/ \/ 4\d/);
  await page.screenshot({ path: path.join(docs, 'queue.png') });
  await callFerry(ferry.url, 'transfers.setLimits', { speed: { upload: 0 } });
});
