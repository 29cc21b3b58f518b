/** Temp data folders for tests: one per test, all removed by {@link removeTempFolders}. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];

/** A fresh, empty folder under the system temp folder. */
export async function makeTempFolder(prefix = 'ferry-sites-'): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  created.push(folder);
  return folder;
}

/** Removes every folder {@link makeTempFolder} made. Call from `afterAll`/`afterEach`. */
export async function removeTempFolders(): Promise<void> {
  await Promise.all(created.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })));
}

/** True when `needle` occurs anywhere in the bytes of `file` (as UTF-8, and as base64 of UTF-8). */
export async function fileMentions(file: string, needle: string): Promise<boolean> {
  const bytes = await fs.readFile(file);
  return bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(Buffer.from(needle, 'utf8').toString('base64')));
}

/** True when `needle` occurs in any file of `folder` (recursively), as {@link fileMentions} checks. */
export async function folderMentions(folder: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await fs.readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (await fileMentions(file, needle)) hits.push(file);
  }
  return hits;
}
