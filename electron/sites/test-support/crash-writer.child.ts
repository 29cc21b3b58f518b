/**
 * Child process for the "crash mid-write" test: starts an atomic write of
 * argv[3] to argv[2], and when the new content is on disk but not yet renamed
 * over the old file, prints READY and hangs until the parent kills it.
 */
import fs from 'node:fs/promises';
import { writeFileAtomic } from '../storage/atomic-file';

const [file, content] = process.argv.slice(2) as [string, string];
// Stop exactly between "temporary file written and synced" and "renamed over the real file".
(fs as { rename: typeof fs.rename }).rename = () => {
  process.stdout.write('READY\n');
  return new Promise<void>(() => {});
};
void writeFileAtomic(file, content);
setInterval(() => {}, 60_000); // stay alive until killed
