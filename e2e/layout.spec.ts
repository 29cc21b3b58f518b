/** The window's layout is remembered: splitters, a column width, the hidden-files switch and the bottom tab survive a reload. */
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/web-app';

test('splitters, column widths, hidden files and the bottom tab survive a reload', async ({ page, ferry }, testInfo) => {
  await page.goto(ferry.url);
  const local = paneOf(page, 'Local');
  await expect(local.list).toBeVisible();

  // Bottom panel: keyboard (focus the separator, arrows move it).
  const bottom = page.getByRole('separator', { name: 'Resize the transfer and log panel' });
  await expect(bottom).toHaveAttribute('aria-orientation', 'horizontal');
  await bottom.focus();
  // The first key press fixes the height the user chose (the default follows the window until then).
  await page.keyboard.press('ArrowUp');
  await expect(bottom).toHaveAttribute('aria-valuenow', /\d+/);
  const moved = Number(await bottom.getAttribute('aria-valuenow')) + 16;
  await page.keyboard.press('ArrowUp');
  await expect(bottom).toHaveAttribute('aria-valuenow', String(moved));
  const panel = page.getByRole('region', { name: 'Transfers and log' });
  const panelHeight = (await panel.boundingBox())!.height;

  // Panes: dragged with the mouse.
  const panes = page.getByRole('separator', { name: 'Resize the local and remote panes' });
  await expect(panes).toHaveAttribute('aria-valuenow', '50');
  const box = (await panes.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const share = Number(await panes.getAttribute('aria-valuenow'));
  expect(share).toBeLessThan(45);
  await page.keyboard.press('ArrowRight');
  await expect(panes).toHaveAttribute('aria-valuenow', String(share + 2));

  // The Size column: dragged wider by its header edge, then one arrow key.
  const sizeHandle = local.list.getByRole('separator', { name: 'Resize the Size column' });
  const sizeHeader = local.list.getByRole('columnheader', { name: 'Size' });
  const handleBox = (await sizeHandle.boundingBox())!;
  await page.mouse.move(handleBox.x + handleBox.width / 2, handleBox.y + handleBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(handleBox.x + 60, handleBox.y + handleBox.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.press('ArrowRight');
  const sizeWidth = Number(await sizeHandle.getAttribute('aria-valuenow'));
  expect(sizeWidth).toBeGreaterThan(120);
  expect(Math.round((await sizeHeader.boundingBox())!.width)).toBe(sizeWidth);

  // The local hidden-files switch and the log tab.
  await expect(local.hiddenToggle).toHaveAttribute('aria-pressed', 'false');
  await local.hiddenToggle.click();
  await expect(local.hiddenToggle).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('tab', { name: 'Activity log' }).click();
  await page.screenshot({ path: testInfo.outputPath('layout-changed.png') });

  await page.reload();
  await expect(local.list).toBeVisible();
  await expect(bottom).toHaveAttribute('aria-valuenow', String(moved));
  expect(Math.abs((await panel.boundingBox())!.height - panelHeight)).toBeLessThan(2);
  await expect(panes).toHaveAttribute('aria-valuenow', String(share + 2));
  await expect(sizeHandle).toHaveAttribute('aria-valuenow', String(sizeWidth));
  expect(Math.round((await sizeHeader.boundingBox())!.width)).toBe(sizeWidth);
  await expect(local.hiddenToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('tab', { name: 'Activity log' })).toHaveAttribute('aria-selected', 'true');

  // Double-click resets a splitter; a broken stored layout gives the defaults, not a broken window.
  await panes.dblclick();
  await expect(panes).toHaveAttribute('aria-valuenow', '50');
  await page.evaluate(() => localStorage.setItem('ferry.layout.v1', '{"localShare": "wide", "columns": 3'));
  await page.reload();
  await expect(local.list).toBeVisible();
  await expect(panes).toHaveAttribute('aria-valuenow', '50');
  await expect(page.getByRole('tab', { name: 'Transfer queue' })).toHaveAttribute('aria-selected', 'true');
});
