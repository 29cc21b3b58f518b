import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/servers';
import { connectPlainFtp, exists, queueOf } from './queue-helpers';

test('"Add to queue" queues a selection paused; Resume all starts it', async ({ page, ferry, vsftpd }) => {
  await mkdir(path.join(vsftpd.root, 'docs'));
  for (let i = 1; i <= 3; i++) await writeFile(path.join(vsftpd.root, 'docs', `page-${i}.txt`), `page ${i}`);
  await page.goto(ferry.url);
  await connectPlainFtp(page, vsftpd);
  const remote = paneOf(page, 'Remote');
  const queue = queueOf(page);

  await remote.row('docs').click({ button: 'right' });
  await remote.menu.getByRole('menuitem', { name: 'Add to queue' }).click();
  const batch = queue.batch(/docs/);
  await expect(batch).toContainText('Paused');
  expect(await exists(path.join(ferry.home, 'docs'))).toBe(false);

  await queue.tools.getByRole('button', { name: 'Resume all' }).click();
  await queue.tab('Done').click();
  await expect(queue.batch(/docs/)).toContainText('Done', { timeout: 60_000 });
  expect(await readFile(path.join(ferry.home, 'docs', 'page-3.txt'), 'utf8')).toBe('page 3');
});
