import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exists } from './queue-helpers';
import { paneOf } from './fixtures/panes';
import { expect, test } from './fixtures/web-app';


test('create a folder with F7 and the toolbar, rename in place with F2, and see errors', async ({ page, ferry }, testInfo) => {
  await writeFile(path.join(ferry.home, 'notes.txt'), 'notes');
  await writeFile(path.join(ferry.home, 'taken.txt'), 'taken');
  await page.goto(ferry.url);
  const local = paneOf(page, 'Local');
  await expect(local.row('notes.txt')).toBeVisible();

  // F7 in the list asks for a name; Enter creates the folder and selects it.
  await local.list.focus();
  await page.keyboard.press('F7');
  const dialog = page.getByRole('dialog', { name: 'Create folder' });
  await expect(dialog.getByLabel('Folder name')).toBeFocused();
  await dialog.getByLabel('Folder name').fill('invoices 2024');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(local.row('invoices 2024')).toHaveAttribute('aria-selected', 'true');
  await expect(local.list).toBeFocused();
  expect(await exists(path.join(ferry.home, 'invoices 2024'))).toBe(true);

  // The toolbar button does the same; a name that exists is refused with the reason, in the dialog.
  await local.newFolder.click();
  await dialog.getByLabel('Folder name').fill('taken.txt');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already exists');
  await dialog.getByLabel('Folder name').fill('a/b');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toContainText('cannot contain "/"');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(local.newFolder).toBeFocused();

  // F2 renames in place: an input in the row, Enter commits.
  await local.row('notes.txt').click();
  await page.keyboard.press('F2');
  const field = local.list.getByRole('textbox', { name: 'New name for notes.txt' });
  await expect(field).toBeFocused();
  // The name without its extension is selected, so typing replaces just that.
  await page.keyboard.type('plan');
  await page.keyboard.press('Enter');
  // (While the rename is on its way, the row's name is the field's text: wait for the field to go.)
  await expect(local.list.getByRole('textbox')).toHaveCount(0);
  await expect(local.row('plan.txt')).toHaveAttribute('aria-selected', 'true');
  expect(await readFile(path.join(ferry.home, 'plan.txt'), 'utf8')).toBe('notes');

  // A name that exists is refused (never overwritten); the editor stays open with the error.
  await page.keyboard.press('F2');
  await local.list.getByRole('textbox', { name: 'New name for plan.txt' }).fill('taken.txt');
  await page.keyboard.press('Enter');
  await expect(local.region.getByRole('alert')).toContainText('already exists');
  await expect(local.list.getByRole('textbox', { name: 'New name for plan.txt' })).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('rename-error.png') });
  expect(await readFile(path.join(ferry.home, 'taken.txt'), 'utf8')).toBe('taken');

  // Escape cancels and gives focus back to the list.
  await page.keyboard.press('Escape');
  await expect(local.list.getByRole('textbox')).toHaveCount(0);
  await expect(local.list).toBeFocused();
  await expect(local.row('plan.txt')).toBeVisible();
});

test('delete asks first, names what goes, and deletes folders with their contents', async ({ page, ferry }, testInfo) => {
  await mkdir(path.join(ferry.home, 'old-site', 'img'), { recursive: true });
  await writeFile(path.join(ferry.home, 'old-site', 'img', 'logo.png'), 'png');
  await writeFile(path.join(ferry.home, 'draft.txt'), 'x');
  await writeFile(path.join(ferry.home, 'keep.txt'), 'x');
  await page.goto(ferry.url);
  const local = paneOf(page, 'Local');

  await local.row('draft.txt').click();
  await local.row('old-site').click({ modifiers: ['Control'] });
  await expect(local.summary).toHaveText('Selected 1 folder, 1 file, 1 B');
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete 2 items?' });
  await expect(confirm.getByRole('list', { name: 'Items to delete' })).toContainText('draft.txt');
  await expect(confirm.getByRole('list', { name: 'Items to delete' })).toContainText('old-site');
  await expect(confirm).toContainText('deleted with everything in it');
  await page.screenshot({ path: testInfo.outputPath('delete-confirmation.png') });

  // Cancel keeps everything.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(await exists(path.join(ferry.home, 'draft.txt'))).toBe(true);

  // The menu's Delete asks the same question; Delete is focused, so Enter confirms.
  await local.row('old-site').click({ button: 'right' });
  await expect(local.menu).toBeVisible();
  await local.menu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete 2 items?' }).getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(local.row('draft.txt')).toHaveCount(0);
  await expect(local.row('old-site')).toHaveCount(0);
  expect((await readdir(ferry.home)).sort()).toEqual(['keep.txt']);
  await expect(local.summary).toHaveText('1 file, 1 B');
});

test('filter as you type, hidden files, and the summary that says what is shown', async ({ page, ferry }, testInfo) => {
  await mkdir(path.join(ferry.home, 'Reports'));
  await writeFile(path.join(ferry.home, 'report-2023.pdf'), Buffer.alloc(2000));
  await writeFile(path.join(ferry.home, 'holiday.jpg'), Buffer.alloc(100));
  await writeFile(path.join(ferry.home, '.bashrc'), 'alias ll="ls -l"');
  await page.goto(ferry.url);
  const local = paneOf(page, 'Local');
  await expect(local.row('holiday.jpg')).toBeVisible();

  // Dot-files are hidden at first in the local pane; the toggle shows them.
  await expect(local.hiddenToggle).toHaveAttribute('aria-pressed', 'false');
  await expect(local.row('.bashrc')).toHaveCount(0);
  await expect(local.summary).toHaveText('Showing 3 of 4 items');
  await local.hiddenToggle.click();
  await expect(local.hiddenToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(local.row('.bashrc')).toBeVisible();
  await expect(local.summary).toHaveText('1 folder, 3 files, 2.1 KB');

  // Case-insensitive filter on the name.
  await local.filter.fill('REPORT');
  await expect(local.row('Reports')).toBeVisible();
  await expect(local.row('report-2023.pdf')).toBeVisible();
  await expect(local.row('holiday.jpg')).toHaveCount(0);
  await expect(local.summary).toHaveText('Showing 2 of 4 items');
  await page.screenshot({ path: testInfo.outputPath('filtered.png') });

  await local.filter.fill('nothing-like-this');
  await expect(local.region.getByText('No names contain "nothing-like-this".')).toBeVisible();

  // Escape clears the filter.
  await local.filter.press('Escape');
  await expect(local.filter).toHaveValue('');
  await expect(local.row('holiday.jpg')).toBeVisible();
  await expect(local.summary).toHaveText('1 folder, 3 files, 2.1 KB');
});

test('the keyboard alone: arrows, Home/End, Enter, Backspace, type-to-find, select all, menu key', async ({ page, ferry }) => {
  await mkdir(path.join(ferry.home, 'alpha'));
  await writeFile(path.join(ferry.home, 'alpha', 'inside.txt'), 'x');
  for (const name of ['beta.txt', 'bravo.txt', 'charlie.txt', 'delta.txt']) await writeFile(path.join(ferry.home, name), 'x');
  await page.goto(ferry.url);
  const local = paneOf(page, 'Local');
  await expect(local.row('delta.txt')).toBeVisible();

  await local.list.focus();
  await page.keyboard.press('ArrowDown');
  await expect(local.row('alpha')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(local.row('delta.txt')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(local.row('alpha')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(local.summary).toHaveText('Selected 1 folder, 2 files, 2 B');

  // Type-to-find: "c" jumps to charlie; "b" then "b" again cycles through the b-names.
  await page.keyboard.press('c');
  await expect(local.row('charlie.txt')).toHaveAttribute('aria-selected', 'true');
  await expect(local.summary).toHaveText('Selected 1 file, 1 B');
  await page.keyboard.type('br');
  await expect(local.row('bravo.txt')).toHaveAttribute('aria-selected', 'true');

  // Ctrl+A selects every row.
  await page.keyboard.press('Control+a');
  await expect(local.summary).toHaveText('Selected 1 folder, 4 files, 4 B');

  // The menu key opens the context menu; arrows and Enter choose; Escape closes.
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+F10');
  await expect(local.menu).toBeVisible();
  await expect(local.menu.getByRole('menuitem', { name: 'Open' })).toBeVisible();
  await expect(local.menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(local.menu).toBeHidden();
  await expect(local.list).toBeFocused();

  // Enter opens the folder, Backspace goes back up.
  await page.keyboard.press('Enter');
  await expect(local.row('inside.txt')).toBeVisible();
  await page.keyboard.press('Backspace');
  await expect(local.row('charlie.txt')).toBeVisible();

  // F5 refreshes (and does not reload the page): a file created meanwhile appears.
  await writeFile(path.join(ferry.home, 'echo.txt'), 'x');
  await local.list.focus();
  await page.keyboard.press('F5');
  await expect(local.row('echo.txt')).toBeVisible();
});

test('the path can be typed: Ctrl+L or a click on the breadcrumb, Enter opens, Escape cancels', async ({ page, ferry }, testInfo) => {
  await mkdir(path.join(ferry.home, 'projects', 'ferry'), { recursive: true });
  await writeFile(path.join(ferry.home, 'projects', 'ferry', 'README.md'), '# Ferry');
  await page.goto(ferry.url);
  const local = paneOf(page, 'Local');
  await expect(local.row('projects')).toBeVisible();

  await local.list.focus();
  await page.keyboard.press('Control+l');
  await expect(local.pathField).toBeFocused();
  await expect(local.pathField).toHaveValue(ferry.home);
  await local.pathField.fill(path.join(ferry.home, 'projects', 'ferry'));
  await page.screenshot({ path: testInfo.outputPath('typing-a-path.png') });
  await page.keyboard.press('Enter');
  await expect(local.row('README.md')).toBeVisible();
  await expect(local.breadcrumb.getByRole('button', { name: 'ferry', exact: true })).toHaveAttribute('aria-current', 'location');

  // A click on the empty part of the breadcrumb edits too; Escape puts the breadcrumb back.
  const box = (await local.breadcrumb.boundingBox())!;
  await page.mouse.click(box.x + box.width - 40, box.y + box.height / 2);
  await expect(local.pathField).toBeFocused();
  await local.pathField.fill('/somewhere/else');
  await page.keyboard.press('Escape');
  await expect(local.pathField).toHaveCount(0);
  await expect(local.row('README.md')).toBeVisible();

  // ~ is the home folder; a path that does not exist shows why.
  await page.keyboard.press('Control+l');
  await local.pathField.fill('~/projects');
  await page.keyboard.press('Enter');
  await expect(local.row('ferry')).toBeVisible();
  await page.keyboard.press('Control+l');
  await local.pathField.fill(path.join(ferry.home, 'missing-folder'));
  await page.keyboard.press('Enter');
  await expect(local.region.getByRole('alert')).toContainText('No such file or folder');
});

test('a folder of 100,000 files lists, sorts, filters and scrolls with only the visible rows in the page', async ({ page, ferry }, testInfo) => {
  test.setTimeout(240_000);
  const big = path.join(ferry.home, 'big');
  await mkdir(big);
  for (let start = 0; start < 100_000; start += 5000) {
    await Promise.all(Array.from({ length: 5000 }, (_, i) => writeFile(path.join(big, `file-${String(start + i).padStart(6, '0')}.dat`), '')));
  }
  await page.goto(ferry.url);
  const local = paneOf(page, 'Local');
  await local.row('big').dblclick();
  await expect(local.summary).toHaveText('100,000 files, 0 B', { timeout: 120_000 });
  // Virtualized: a page of rows exists in the document, not 100,000.
  expect(await local.list.getByRole('row').count()).toBeLessThan(120);

  const timed = async (what: string, action: () => Promise<void>) => {
    const started = Date.now();
    await action();
    console.log(`${what}: ${Date.now() - started} ms`);
  };
  await timed('sort by name, descending', async () => {
    await local.list.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await expect(local.list.getByRole('row').nth(1)).toHaveAccessibleName(/^file-099999\.dat/);
  });
  await timed('filter', async () => {
    await local.filter.fill('file-04242');
    await expect(local.summary).toHaveText('Showing 10 of 100,000 files');
  });
  await local.filter.fill('');
  // The filter applies deferred (typing stays smooth): wait for the whole folder before End,
  // or on a loaded machine End can land on the last row of the still-filtered list.
  await expect(local.summary).toHaveText('100,000 files, 0 B');
  await timed('End key to the last row', async () => {
    await local.list.focus();
    await page.keyboard.press('End');
    await expect(local.row('file-000000.dat')).toHaveAttribute('aria-selected', 'true');
  });
  expect(await local.list.getByRole('row').count()).toBeLessThan(120);
  await page.screenshot({ path: testInfo.outputPath('hundred-thousand.png') });
});
