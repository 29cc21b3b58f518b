import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartFileWriter } from './part-file';
import { SMALL_FILE_BYTES } from './small-files';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-part-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PartFileWriter', () => {
  it('writes batched chunks in order and reports only synced bytes as durable', async () => {
    const file = path.join(dir, 'batched.part');
    // 20 MiB in 64 KiB pieces: several background fsyncs and many batched writes.
    const pieces = Array.from({ length: 320 }, () => randomBytes(64 * 1024));
    const durable: number[] = [];
    const writer = await PartFileWriter.open(file, 0, (bytes) => durable.push(bytes));
    await pipeline(Readable.from(pieces), writer);
    expect(writer.position).toBe(20 * 1024 * 1024);
    // Buffer.equals, not toEqual: a diff of 20 MiB would exhaust the heap.
    expect((await readFile(file)).equals(Buffer.concat(pieces))).toBe(true);
    // Never decreasing, never beyond what was written, and complete at the end.
    expect(durable).toEqual([...durable].sort((a, b) => a - b));
    expect(Math.max(...durable)).toBe(20 * 1024 * 1024);
    expect(durable.length).toBeGreaterThan(1);
  });

  it('writes chunks larger than one system call allows, mixed with small ones, byte for byte', async () => {
    const file = path.join(dir, 'large-chunks.part');
    // 3 MiB + 1 is cut into several writes; the small pieces around it are gathered.
    const pieces = [randomBytes(1000), randomBytes(3 * 1024 * 1024 + 1), randomBytes(7), randomBytes(900 * 1024), randomBytes(1)];
    const writer = await PartFileWriter.open(file, 0, () => undefined);
    await pipeline(Readable.from(pieces), writer);
    expect(writer.position).toBe(pieces.reduce((sum, piece) => sum + piece.length, 0));
    expect((await readFile(file)).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('continues an existing file at the offset and drops what came after it', async () => {
    const file = path.join(dir, 'resume.part');
    await writeFile(file, Buffer.from('0123456789'));
    const writer = await PartFileWriter.open(file, 4, () => undefined);
    writer.cork();
    writer.write(Buffer.from('ab'));
    writer.write(Buffer.from('cd'));
    writer.uncork();
    await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
    expect((await readFile(file)).toString()).toBe('0123abcd');
  });

  it('starting from zero replaces an old file or link of that name instead of writing into it', async () => {
    const victim = path.join(dir, 'victim0');
    await writeFile(victim, 'keep');
    const file = path.join(dir, 'stale.part');
    await symlink(victim, file);
    const writer = await PartFileWriter.open(file, 0, () => undefined);
    await new Promise<void>((resolve, reject) => writer.end(Buffer.from('new'), (error?: Error | null) => (error ? reject(error) : resolve())));
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readFile(victim, 'utf8')).toBe('keep');
  });

  it('never writes through a link planted under the temporary name', async () => {
    const victim = path.join(dir, 'victim');
    await writeFile(victim, 'keep');
    const file = path.join(dir, 'planted.part');
    await symlink(victim, file);
    await expect(PartFileWriter.open(file, 3, () => undefined)).rejects.toThrow();
    expect(await readFile(victim, 'utf8')).toBe('keep');
  });

  it('writes a small file synchronously, whole even when more arrives than announced, fsynced and closed', async () => {
    const openFiles = (): number => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const file = path.join(dir, 'small.part');
    // Announced 8 KiB; 8 KiB + 3 arrive (the file grew on the server): nothing is dropped.
    const pieces = [randomBytes(4096), randomBytes(4096), randomBytes(3)];
    const durable: number[] = [];
    const writer = await PartFileWriter.open(file, 0, (bytes) => durable.push(bytes), { expectedBytes: 8192 });
    await pipeline(Readable.from(pieces), writer);
    expect((await readFile(file)).equals(Buffer.concat(pieces))).toBe(true);
    expect(durable.at(-1)).toBe(8195);
    expect(openFiles()).toBe(before);
  });

  it('a file announced larger than the small-file limit is written through the thread pool, byte for byte', async () => {
    const file = path.join(dir, 'not-small.part');
    const pieces = [randomBytes(SMALL_FILE_BYTES), randomBytes(SMALL_FILE_BYTES)];
    const writer = await PartFileWriter.open(file, 0, () => undefined, { expectedBytes: 2 * SMALL_FILE_BYTES });
    await pipeline(Readable.from(pieces), writer);
    expect((await readFile(file)).equals(Buffer.concat(pieces))).toBe(true);
  });
});
