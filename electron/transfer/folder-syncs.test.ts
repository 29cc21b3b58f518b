import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderSyncs } from './folder-syncs';
import { Journal } from './journal';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-folder-syncs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('batched folder fsyncs', () => {
  it('the journal runs them before it writes, so a record never reaches the disk before the folders it describes', async () => {
    const syncs = new FolderSyncs();
    const seen: string[] = [];
    const { journal } = await Journal.open(dir, {
      flushDelayMs: 10_000,
      beforeWrite: async () => {
        seen.push(await readFile(path.join(dir, 'queue.jsonl'), 'utf8'));
        await syncs.flush();
      },
    });
    syncs.add(dir);
    journal.append({ t: 'forget', ids: [1] } as never);
    await journal.flush();
    // beforeWrite saw the file without the record: it ran first.
    expect(seen).toEqual(['']);
    expect(await readFile(path.join(dir, 'queue.jsonl'), 'utf8')).toContain('"forget"');
    await journal.close();
  });

  it('a flush covers every folder noted before it and empties the list', async () => {
    const syncs = new FolderSyncs();
    syncs.add(dir);
    syncs.add(dir);
    await expect(syncs.flush()).resolves.toBeUndefined();
    // Nothing pending: a second flush has no work (and a missing folder is not an error).
    syncs.add(path.join(dir, 'gone'));
    await expect(syncs.flush()).resolves.toBeUndefined();
  });
});
