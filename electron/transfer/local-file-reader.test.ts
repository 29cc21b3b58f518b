import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnChunk } from '../protocol/chunk-lease';
import { LocalFileReader, readSmallFile } from './local-file-reader';

let dir: string;
let file: string;
const content = randomBytes(1024 * 1024 + 123);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-reader-'));
  file = path.join(dir, 'source.bin');
  await writeFile(file, content);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every chunk the reader gives, copied at the moment it arrives, and the chunk objects themselves. */
async function readAll(reader: LocalFileReader, handBack: boolean): Promise<{ copies: Buffer[]; chunks: Buffer[] }> {
  const copies: Buffer[] = [];
  const chunks: Buffer[] = [];
  for await (const chunk of reader) {
    copies.push(Buffer.from(chunk as Buffer));
    chunks.push(chunk as Buffer);
    if (handBack) returnChunk(chunk as Buffer);
  }
  return { copies, chunks };
}

describe('LocalFileReader', () => {
  it('reads the file from an offset, byte for byte, and counts what it read', async () => {
    const reader = new LocalFileReader(file, 1000, 64 * 1024);
    const { copies } = await readAll(reader, true);
    expect(Buffer.concat(copies).equals(content.subarray(1000))).toBe(true);
    expect(reader.bytesRead).toBe(content.length - 1000);
  });

  it('fills a buffer again only after the consumer handed it back', async () => {
    const handedBack = await readAll(new LocalFileReader(file, 0, 64 * 1024), true);
    // Handed back: the same few buffers come round again.
    expect(new Set(handedBack.chunks.map((chunk) => chunk.buffer)).size).toBeLessThan(handedBack.chunks.length / 2);

    const kept = await readAll(new LocalFileReader(file, 0, 64 * 1024), false);
    // Kept: every chunk has its own memory, and none changed after it arrived.
    expect(new Set(kept.chunks.map((chunk) => chunk.buffer)).size).toBe(kept.chunks.length);
    kept.chunks.forEach((chunk, index) => expect(chunk.equals(kept.copies[index]!)).toBe(true));
    expect(Buffer.concat(kept.chunks).equals(content)).toBe(true);
  });

  it('fails with the system error for a file that is not there', async () => {
    const reader = new LocalFileReader(path.join(dir, 'missing.bin'), 0, 1024);
    await expect(readAll(reader, true)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('closes the file when done and when stopped early', async () => {
    const openFiles = (): number => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    await readAll(new LocalFileReader(file, 0, 64 * 1024), true);
    expect(openFiles()).toBe(before);
    const stopped = new LocalFileReader(file, 0, 64 * 1024);
    for await (const chunk of stopped) {
      returnChunk(chunk as Buffer);
      break; // Leaving the loop destroys the stream.
    }
    await new Promise((resolve) => (stopped.closed ? resolve(null) : stopped.once('close', resolve)));
    expect(openFiles()).toBe(before);
  });
});

describe('readSmallFile', () => {
  it('reads the rest of a file from an offset, one byte beyond what was expected if the file grew, and closes it', () => {
    const openFiles = (): number => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    expect(readSmallFile(file, 1000, content.length - 1000).equals(content.subarray(1000))).toBe(true);
    // Expected 100 bytes, but the file holds more: 101 come back, so the caller sees the change.
    expect(readSmallFile(file, 0, 100).equals(content.subarray(0, 101))).toBe(true);
    expect(openFiles()).toBe(before);
    expect(() => readSmallFile(path.join(dir, 'missing.bin'), 0, 10)).toThrow(/ENOENT/);
  });
});
