import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { callFerry, connectPlainFtp, generatedBytes, queueOf } from './queue-helpers';

test('reloading the window mid-transfer shows the queue as it is, still moving', async ({ page, ferry, vsftpd }, testInfo) => {
  const size = 6_000_000;
  await writeFile(path.join(vsftpd.root, 'disk-image.iso'), generatedBytes(size));
  // 300 KB/s: the 6 MB download takes about 20 s, long enough to reload in the middle.
  await callFerry(ferry.url, 'transfers.setLimits', { speed: { download: 300_000 } });
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const queue = queueOf(page);
  await paneOf(page, 'Remote').row('disk-image.iso').dblclick();

  const batch = queue.batch('disk-image.iso');
  const percent = async (): Promise<number> => Number(await batch.getByRole('progressbar').getAttribute('aria-valuenow'));
  await expect(batch).toContainText('Transferring');
  await expect.poll(percent).toBeGreaterThan(0);
  const before = await percent();

  await page.reload();
  // The queue comes back from the main process: the same batch, still running, no further back than before.
  await expect(queue.tab('Queued and active')).toHaveText('Queued and active (1)');
  await expect(batch).toContainText('Transferring');
  await expect(batch).toContainText(/KB\/s/);
  await expect(queue.status).toContainText('Transferring…');
  await expect.poll(percent).toBeGreaterThan(before);
  await page.screenshot({ path: testInfo.outputPath('restored-after-reload.png') });

  // Its items can be expanded and acted on as before.
  await batch.getByRole('button', { name: 'Expand disk-image.iso' }).click();
  await expect(queue.items.first()).toContainText('Transferring');
  await expect(queue.items.first()).toContainText(/s left/);

  await callFerry(ferry.url, 'transfers.setLimits', { speed: { download: 0 } });
  await expect(queue.tab('Done')).toHaveText('Done (1)', { timeout: 30_000 });
  expect((await readFile(path.join(ferry.home, 'disk-image.iso'))).equals(generatedBytes(size))).toBe(true);
});
