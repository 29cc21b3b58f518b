import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { transfersEvents, transfersMethods } from '../../../shared/contract/transfers';
import type { TransferEngine } from '../../transfer/engine';
import { makeFolders, makeServer, openEngine, readTree, writeTree, type TestFolders } from '../../transfer/testing/fixtures';
import type { CallContext, EventSink } from '../types';
import { forwardTransferEvents, transfersHandlers } from './transfers';

let folders: TestFolders;
let engine: TransferEngine | null = null;
const context: CallContext = { transport: 'memory' };

beforeEach(async () => {
  folders = await makeFolders();
});

afterEach(async () => {
  await engine?.close();
  engine = null;
  await folders.cleanup();
});

/** Validates like the router does, then calls the handler. */
async function call<M extends keyof typeof transfersMethods>(
  handlers: ReturnType<typeof transfersHandlers>,
  method: M,
  input: unknown,
): Promise<z.output<(typeof transfersMethods)[M]['output']>> {
  const parsed = transfersMethods[method].input.parse(input);
  const output = await (handlers[method] as (input: unknown, context: CallContext) => Promise<unknown>)(parsed, context);
  return transfersMethods[method].output.parse(output) as z.output<(typeof transfersMethods)[M]['output']>;
}

describe('transfers contract', () => {
  it('bounds pages and refuses remote paths that could inject commands', () => {
    expect(transfersMethods['transfers.page'].input.safeParse({ limit: 1000 }).success).toBe(false);
    expect(transfersMethods['transfers.page'].input.parse({})).toEqual({ offset: 0, limit: 100, view: 'all' });
    const enqueue = transfersMethods['transfers.enqueue'].input;
    const download = { direction: 'download', site: 's', targetFolder: '/tmp', sources: [{ path: '/a\r\nDELE b', kind: 'file' }] };
    expect(enqueue.safeParse(download).success).toBe(false);
    expect(enqueue.safeParse({ ...download, sources: [{ path: 'relative', kind: 'file' }] }).success).toBe(false);
    expect(enqueue.safeParse({ ...download, targetFolder: '/tmp/\0x', sources: [{ path: '/a', kind: 'file' }] }).success).toBe(false);
  });
});

describe('transfers handlers', () => {
  it('refuses a relative local folder and a source whose name is not a single component', async () => {
    engine = await openEngine(folders, makeServer(folders));
    const handlers = transfersHandlers(engine);
    await expect(
      call(handlers, 'transfers.enqueue', { direction: 'download', site: 's', targetFolder: 'downloads', sources: [{ path: '/a.txt', kind: 'file' }] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      call(handlers, 'transfers.enqueue', { direction: 'download', site: 's', targetFolder: folders.local, sources: [{ path: '/x/..', kind: 'dir' }] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      call(handlers, 'transfers.enqueue', { direction: 'upload', site: 's', targetFolder: '/', sources: ['relative/file.txt'] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(engine.batches()).toEqual([]);
  });

  it('queues an upload whose kind and size come from the disk, and reports through contract-shaped events', async () => {
    await writeTree(folders.local, { 'site/index.html': '<html>', 'site/css/a.css': 'a{}' });
    const server = makeServer(folders);
    engine = await openEngine(folders, server);
    const handlers = transfersHandlers(engine);
    const seen: Array<{ name: string; payload: unknown }> = [];
    const emit: EventSink = (name, payload) => seen.push({ name, payload });
    const stop = forwardTransferEvents(engine, emit);

    const batch = await call(handlers, 'transfers.enqueue', {
      direction: 'upload',
      site: 's',
      targetFolder: '/',
      sources: [path.join(folders.local, 'site')],
    });
    expect(batch.label).toBe('site');
    await engine.settled(batch.id);
    expect(await readTree(path.join(folders.server, 'site'))).toEqual(await readTree(path.join(folders.local, 'site')));

    const page = await call(handlers, 'transfers.page', { view: 'finished', limit: 10 });
    expect(page.total).toBe(4);
    expect(page.items[0]!.kind).toBe('dir');
    expect(await call(handlers, 'transfers.clearFinished', {})).toEqual({ removed: 4 });
    expect(await call(handlers, 'transfers.batches', {})).toEqual({ batches: [] });

    const limits = await call(handlers, 'transfers.setLimits', { speed: { upload: 1000 } });
    expect(limits.speed).toEqual({ total: 0, download: 0, upload: 1000 });

    await engine.close();
    engine = null;
    stop();
    expect(seen.some((event) => event.name === 'transfers.items')).toBe(true);
    for (const event of seen) {
      const schema = transfersEvents[event.name as keyof typeof transfersEvents];
      expect(schema.safeParse(event.payload).success).toBe(true);
    }
  });

  it('answers a conflict through the contract', async () => {
    await writeTree(folders.server, { 'a.txt': 'server' });
    await writeTree(folders.local, { 'a.txt': 'local' }, 1_500_000_000);
    engine = await openEngine(folders, makeServer(folders));
    const handlers = transfersHandlers(engine);
    const batch = await call(handlers, 'transfers.enqueue', {
      direction: 'download',
      site: 's',
      targetFolder: folders.local,
      sources: [{ path: '/a.txt', kind: 'file', size: 6, mtime: 1_600_000_000_000 }],
    });
    const { request } = await call(handlers, 'transfers.conflicts', { batchId: batch.id });
    expect(request?.conflicts.map((entry) => entry.name)).toEqual(['a.txt']);
    expect(request?.conflicts[0]!.sourceNewer).toBe(true);
    await expect(
      call(handlers, 'transfers.answerConflict', { batchId: batch.id, action: 'overwrite', applyTo: 'items' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await call(handlers, 'transfers.answerConflict', { batchId: batch.id, action: 'overwrite', applyTo: 'batch' })).toEqual({ resolved: 1 });
    expect((await engine.settled(batch.id)).counts.done).toBe(1);
    expect(await call(handlers, 'transfers.control', { action: 'retry', target: { kind: 'all' } })).toEqual({ affected: 0 });
  });
});
