/**
 * A download hands its connection back as soon as the server confirmed the last byte,
 * so the next file's transfer overlaps this one's fsync and rename, unless the server
 * will still be asked for a checksum. Tested on `downloadFile` itself: the order of
 * "connection handed back" and "file fsynced" is what changes, and it is deterministic.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInlineMeter } from './byte-meter';
import { downloadFile } from './download';
import type { FileJob } from './file-job';
import { bytesFor, makeFolders, makeServer, testItem, writeTree, type TestFolders } from './testing/fixtures';

let folders: TestFolders;

beforeEach(async () => {
  folders = await makeFolders();
});

afterEach(async () => {
  await folders.cleanup();
});

/** Runs one download of `name` and returns the order of what happened, and the outcome. */
async function downloadRecording(name: string, size: number, options: { serverHashes: boolean; verify: boolean }) {
  await writeTree(folders.server, { [name]: size });
  const server = makeServer(folders, { hash: options.serverHashes ? 'SHA-256' : null });
  const connection = await server.connect('test');
  const events: string[] = [];
  const item = testItem({ localPath: path.join(folders.local, name), remotePath: `/${name}`, root: folders.local, size });
  const job: FileJob = {
    item,
    connection,
    signal: new AbortController().signal,
    settings: { preserveTimestamps: true, verify: options.verify, uploadTempName: true, mode: 'binary' },
    listedFacts: null,
    targetKnownAbsent: false,
    placedIn: () => events.push('placed'),
    doneWithConnection: () => {
      // A small file is handed back before its temporary file is made (the next file's commands go first).
      const partMade = readdirSync(folders.local).some((name) => name.endsWith('.ferry-part'));
      events.push(partMade ? 'connection handed back' : 'connection handed back before the file was made');
    },
    meter: () => new PassThrough(),
    inlineMeter: (onStall) => createInlineMeter({ buckets: [], onBytes: () => undefined, idleTimeoutMs: 60_000 }, onStall),
    setSourceFacts: () => undefined,
    setBytesDone: () => undefined,
    saveResume: (record) => {
      // The writer reports the bytes on disk after its final fsync.
      if (record?.kind === 'download' && record.durable === size) events.push('fsynced');
    },
    decide: () => ({ action: 'overwrite' }),
    retarget: () => undefined,
    markStreaming: () => undefined,
  };
  const outcome = await downloadFile(job);
  await connection.close();
  expect(await readFile(item.localPath)).toEqual(bytesFor(name, size));
  return { events, outcome };
}

describe('handing the connection back', () => {
  it('happens before the fsync when the server has no checksum to ask for', async () => {
    // Larger than a small file: through the meter and the writer stream (the others are gathered whole).
    const { events, outcome } = await downloadRecording('a.bin', 400_000, { serverHashes: false, verify: true });
    expect(outcome).toEqual({ result: 'done', verify: 'not-verifiable', note: null });
    expect(events.indexOf('connection handed back')).toBeLessThan(events.indexOf('fsynced'));
    expect(events.indexOf('fsynced')).toBeLessThan(events.indexOf('placed'));
  });

  it('happens before the fsync when verification is off, even on a server that hashes; a small file even before its file is made', async () => {
    const { events } = await downloadRecording('b.bin', 50_000, { serverHashes: true, verify: false });
    expect(events[0]).toBe('connection handed back before the file was made');
    expect(events.indexOf('fsynced')).toBeGreaterThan(0);
  });

  it('waits for the checksum when the server can give one', async () => {
    const { events, outcome } = await downloadRecording('c.bin', 50_000, { serverHashes: true, verify: true });
    expect(outcome).toEqual({ result: 'done', verify: 'verified', note: null });
    expect(events.indexOf('fsynced')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('connection handed back')).toBeGreaterThan(events.indexOf('fsynced'));
  });
});
