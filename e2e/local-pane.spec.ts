import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures/web-app';

test('the local pane lists the home folder, enters a folder and goes back up', async ({ page, ferry }, testInfo) => {
  await mkdir(path.join(ferry.home, 'projects', 'ferry-notes'), { recursive: true });
  await mkdir(path.join(ferry.home, 'photos'));
  await writeFile(path.join(ferry.home, 'report.pdf'), Buffer.alloc(15_200));
  await writeFile(path.join(ferry.home, 'projects', 'plan.txt'), 'ship it\n');

  await page.goto(ferry.url);
  const list = page.getByRole('grid', { name: 'Local file list' });
  await expect(list.getByRole('row', { name: /photos/ })).toBeVisible();
  await expect(list.getByRole('row', { name: /report\.pdf/ })).toContainText('15.2 KB');
  // Folders come first.
  const names = await list.getByRole('row').allInnerTexts();
  expect(names.findIndex((t) => t.includes('projects'))).toBeLessThan(names.findIndex((t) => t.includes('report.pdf')));
  await expect(page.getByRole('status', { name: 'Local summary' })).toHaveText('2 folders, 1 file, 15.2 KB');

  // The token left the address bar once used.
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: testInfo.outputPath('local-pane-home.png') });

  await list.getByRole('row', { name: /projects/ }).dblclick();
  await expect(list.getByRole('row', { name: /plan\.txt/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Local path' }).getByRole('button', { name: 'projects' })).toHaveAttribute(
    'aria-current',
    'location',
  );

  await page.getByRole('toolbar', { name: 'Local navigation' }).getByRole('button', { name: 'Up' }).click();
  await expect(list.getByRole('row', { name: /report\.pdf/ })).toBeVisible();

  // Back returns to the folder we left, through history.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(list.getByRole('row', { name: /plan\.txt/ })).toBeVisible();
});

test('sorting by size puts the largest file first, folders still on top', async ({ page, ferry }) => {
  await mkdir(path.join(ferry.home, 'zeta-folder'));
  await writeFile(path.join(ferry.home, 'small.bin'), Buffer.alloc(10));
  await writeFile(path.join(ferry.home, 'large.bin'), Buffer.alloc(5000));
  await page.goto(ferry.url);
  const list = page.getByRole('grid', { name: 'Local file list' });
  await expect(list.getByRole('row', { name: /large\.bin/ })).toBeVisible();
  await list.getByRole('columnheader', { name: 'Size' }).getByRole('button').click();
  await list.getByRole('columnheader', { name: 'Size' }).getByRole('button').click();
  await expect(list.getByRole('columnheader', { name: 'Size' })).toHaveAttribute('aria-sort', 'descending');
  const rows = await list.getByRole('row').allInnerTexts();
  expect(rows[1]).toContain('zeta-folder');
  expect(rows[2]).toContain('large.bin');
  expect(rows[3]).toContain('small.bin');
});

test('a folder that cannot be opened shows the error in the pane', async ({ page, ferry }) => {
  await writeFile(path.join(ferry.home, 'vanishing'), 'x');
  await mkdir(path.join(ferry.home, 'soon-gone'));
  await page.goto(ferry.url);
  const list = page.getByRole('grid', { name: 'Local file list' });
  await expect(list.getByRole('row', { name: /soon-gone/ })).toBeVisible();
  const { rm } = await import('node:fs/promises');
  await rm(path.join(ferry.home, 'soon-gone'), { recursive: true });
  await list.getByRole('row', { name: /soon-gone/ }).dblclick();
  await expect(page.getByRole('alert')).toContainText('No such file or folder');
});
