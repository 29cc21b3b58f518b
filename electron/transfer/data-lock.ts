/**
 * One engine per data folder. Two engines appending to the same journal would
 * interleave records and could transfer the same file twice, so the second one
 * is refused with a clear error instead.
 */
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../../shared/errors';

/** Folders locked by this process (a pid check cannot tell two engines in one process apart). */
const lockedHere = new Set<string>();

/** A held lock; `release` is idempotent. */
export interface DataLock {
  release(): Promise<void>;
}

/** Takes the lock file `queue.lock` in `folder`, replacing one left by a process that no longer runs. */
export async function lockDataFolder(folder: string): Promise<DataLock> {
  const file = path.join(folder, 'queue.lock');
  if (lockedHere.has(file)) throw locked(folder);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      lockedHere.add(file);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          lockedHere.delete(file);
          await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) throw locked(folder);
      // Left behind by a crash (or by this very process before a restart in tests): take it over.
      await rm(file, { force: true });
    }
  }
  throw locked(folder);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function locked(folder: string): FerryError {
  return new FerryError(
    'LOCKED',
    'Another Ferry is already using this transfer queue. Close it first, then try again.',
    folder,
  );
}
