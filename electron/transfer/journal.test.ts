import { appendFile, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TransferEngine } from './engine';
import { Journal, replay, type JournalRecord } from './journal';
import type { ItemRecord } from './model';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'ferry-journal-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(folder, { recursive: true, force: true });
});

/** Counts fsyncs of files (FileHandle.datasync and .sync) from now on. */
async function countSyncs(): Promise<() => number> {
  const handle = await open(path.join(folder, 'probe'), 'w');
  const prototype = Object.getPrototypeOf(handle) as { datasync(): Promise<void>; sync(): Promise<void> };
  await handle.close();
  const datasync = vi.spyOn(prototype, 'datasync');
  const sync = vi.spyOn(prototype, 'sync');
  return () => datasync.mock.calls.length + sync.mock.calls.length;
}

function item(id: number, patch: Partial<ItemRecord> = {}): ItemRecord {
  return {
    id,
    batchId: 1,
    parentId: null,
    kind: 'file',
    direction: 'download',
    site: 's',
    localPath: `/tmp/x${id}`,
    remotePath: `/x${id}`,
    size: 10,
    mtime: null,
    mtimePrecision: null,
    state: 'queued',
    bytesDone: 0,
    attempts: 0,
    lastError: null,
    priority: 'normal',
    verify: null,
    note: null,
    root: '/tmp',
    resume: null,
    answer: null,
    conflict: null,
    ...patch,
  };
}

const batch: JournalRecord = {
  t: 'b',
  b: { id: 1, site: 's', direction: 'download', label: 'x', createdAt: 0, priority: 'normal', conflictPolicy: 'ask', skipIdentical: true },
};

describe('journal', () => {
  it('replays last-record-wins and ignores a torn last line', () => {
    const text = [
      JSON.stringify(batch),
      JSON.stringify({ t: 'i', i: item(1) }),
      JSON.stringify({ t: 'i', i: item(2) }),
      JSON.stringify({ t: 'p', id: 1, b: 7 }),
      JSON.stringify({ t: 'i', i: item(2, { state: 'done', bytesDone: 10 }) }),
      JSON.stringify({ t: 'x', id: 2 }),
      '{"t":"i","i":{"id":3,"bat',
    ].join('\n');
    const contents = replay(text);
    expect([...contents.items.keys()]).toEqual([1]);
    expect(contents.items.get(1)!.bytesDone).toBe(7);
    expect(contents.batches.get(1)!.label).toBe('x');
    expect(contents.unreadable).toBe(1);
    expect(contents.lines).toBe(7);
  });

  it('survives a reopen, and compaction keeps the state while shrinking the file', async () => {
    const first = await Journal.open(folder, { flushDelayMs: 1 });
    first.journal.append(batch);
    for (let i = 0; i < 200; i++) first.journal.append({ t: 'i', i: item(1, { bytesDone: i }) });
    await first.journal.flush();
    const file = path.join(folder, 'queue.jsonl');
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(201);

    const live: JournalRecord[] = [batch, { t: 'i', i: item(1, { bytesDone: 199 }) }];
    const compacting = first.journal.compact(() => live);
    // Appended while compaction runs: must still be in the file afterwards.
    first.journal.append({ t: 'i', i: item(2) });
    await compacting;
    await first.journal.close();
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3);

    const second = await Journal.open(folder);
    expect(second.contents.items.get(1)!.bytesDone).toBe(199);
    expect(second.contents.items.has(2)).toBe(true);
    await second.journal.close();
  });

  it('every write is fsynced; a scratch journal writes nothing (nothing will read it back)', async () => {
    const syncs = await countSyncs();
    const kept = await Journal.open(path.join(folder, 'kept'), { flushDelayMs: 1 });
    kept.journal.append(batch);
    await kept.journal.flush();
    await kept.journal.close();
    expect(syncs()).toBe(1);

    const scratch = await Journal.open(folder, { flushDelayMs: 1, scratch: true });
    scratch.journal.append(batch);
    scratch.journal.append({ t: 'i', i: item(1) });
    await scratch.journal.flush();
    await scratch.journal.close();
    expect(syncs()).toBe(1);
    expect(await readFile(path.join(folder, 'queue.jsonl'), 'utf8')).toBe('');
  });

  it('a new queue opens without compacting (no fsync before the first transfer); a used one is compacted', async () => {
    const syncs = await countSyncs();
    const openEngine = () => TransferEngine.open({ dataDir: folder, openConnection: () => Promise.reject(new Error('no server in this test')) });
    const fresh = await openEngine();
    expect(syncs()).toBe(0);
    await fresh.close();
    await appendFile(path.join(folder, 'transfers', 'queue.jsonl'), `${JSON.stringify(batch)}\n`);
    const before = syncs();
    const used = await openEngine();
    expect(syncs()).toBeGreaterThan(before);
    await used.close();
  });

  it('reports damaged lines instead of failing to open', async () => {
    const file = path.join(folder, 'queue.jsonl');
    await appendFile(file, `${JSON.stringify(batch)}\nnot json at all\n{"t":"?"}\n`);
    const opened = await Journal.open(folder);
    expect(opened.contents.unreadable).toBe(2);
    expect(opened.contents.batches.size).toBe(1);
    await opened.journal.close();
  });
});
