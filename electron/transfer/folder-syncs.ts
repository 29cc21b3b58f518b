/**
 * Batched fsyncs of the folders downloads placed files in. A finished download
 * fsyncs its file before it gets its final name (so a file is never visible
 * under that name with wrong content); making the new name itself durable needs
 * an fsync of the folder. Doing that once per file cost a disk flush per small
 * file, so folders are collected here and fsynced together, each once, and
 * always before the queue journal is written and before a batch is reported
 * settled: after a crash the journal never says "done" for a file whose name
 * might not have survived (that file is then simply downloaded again).
 */
import { syncFolder } from './journal';

/** Folders waiting for their fsync. */
export class FolderSyncs {
  private pending = new Set<string>();
  private running: Promise<void> = Promise.resolve();

  /** Notes that a name was added or replaced in `folder`. */
  add(folder: string): void {
    this.pending.add(folder);
  }

  /** fsyncs every folder noted so far; resolves when they are all durable. */
  flush(): Promise<void> {
    this.running = this.running.then(async () => {
      if (this.pending.size === 0) return;
      const folders = [...this.pending];
      this.pending = new Set();
      await Promise.all(folders.map((folder) => syncFolder(folder)));
    });
    return this.running;
  }
}
