import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { lendChunk, returnChunk } from '../chunk-lease';
import { RemoteReadStream, RemoteWriteStream, type FileHandleIo } from './request-window';

/**
 * An in-memory "server file" that answers requests out of order (each answer after a
 * random number of event-loop turns), can answer reads short, and can fail a request.
 */
class FakeFile implements FileHandleIo {
  data: Buffer;
  inFlight = 0;
  maxInFlight = 0;
  closed = 0;
  readRequests = 0;
  /** The memory each read request was given (to see which buffers were reused). */
  readMemory = new Set<ArrayBufferLike>();
  /** Reads answer at most this many bytes (to exercise short reads). */
  shortReadLimit = Infinity;
  /** Fail the request touching this byte position. */
  failAt: number | null = null;
  closeError: Error | null = null;
  private seed = 1;

  constructor(data: Buffer = Buffer.alloc(0)) {
    this.data = data;
  }

  private later(fn: () => void): void {
    // Deterministic pseudo-random 0–3 macrotask turns: answers come back out of order.
    this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
    let turns = this.seed % 4;
    const step = (): void => {
      if (turns-- <= 0) fn();
      else setImmediate(step);
    };
    setImmediate(step);
  }

  private begin(): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }

  read(_h: Buffer, buffer: Buffer, offset: number, length: number, position: number, cb: (e: Error | null | undefined, n: number) => void): void {
    this.begin();
    this.readRequests++;
    this.readMemory.add(buffer.buffer);
    this.later(() => {
      this.inFlight--;
      if (this.failAt !== null && position <= this.failAt && this.failAt < position + length) {
        return cb(Object.assign(new Error('Failure'), { code: 4 }), 0);
      }
      const n = Math.max(0, Math.min(length, this.shortReadLimit, this.data.length - position));
      if (n > 0) this.data.copy(buffer, offset, position, position + n);
      cb(undefined, n);
    });
  }

  write(_h: Buffer, buffer: Buffer, offset: number, length: number, position: number, cb: (e: Error | null | undefined) => void): void {
    this.begin();
    const bytes = Buffer.from(buffer.subarray(offset, offset + length)); // copy now, like ssh2
    this.later(() => {
      this.inFlight--;
      if (this.failAt !== null && position <= this.failAt && this.failAt < position + length) {
        return cb(Object.assign(new Error('Permission denied'), { code: 3 }));
      }
      if (this.data.length < position + length) {
        const grown = Buffer.alloc(position + length);
        this.data.copy(grown);
        this.data = grown;
      }
      bytes.copy(this.data, position);
      cb(undefined);
    });
  }

  close(_h: Buffer, cb: (e: Error | null | undefined) => void): void {
    this.closed++;
    setImmediate(() => cb(this.closeError));
  }
}

const handle = Buffer.from('h');

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('RemoteReadStream', () => {
  it('delivers a file in order with many requests in flight', async () => {
    const file = new FakeFile(randomBytes(1_000_003));
    const stream = new RemoteReadStream({ io: file, handle, chunkSize: 4096, maxRequests: 16 });
    const got = await readAll(stream);
    expect(got.equals(file.data)).toBe(true);
    expect(file.maxInFlight).toBe(16);
    expect(file.closed).toBe(1);
  });

  it('starts at an offset (resume)', async () => {
    const file = new FakeFile(randomBytes(100_000));
    const got = await readAll(new RemoteReadStream({ io: file, handle, position: 12_345, chunkSize: 1000, maxRequests: 8 }));
    expect(got.equals(file.data.subarray(12_345))).toBe(true);
  });

  it('asks again for the rest after short reads', async () => {
    const file = new FakeFile(randomBytes(50_000));
    file.shortReadLimit = 700;
    const got = await readAll(new RemoteReadStream({ io: file, handle, chunkSize: 4096, maxRequests: 4 }));
    expect(got.equals(file.data)).toBe(true);
  });

  it('handles an empty file and an offset past the end', async () => {
    expect((await readAll(new RemoteReadStream({ io: new FakeFile(), handle }))).length).toBe(0);
    const file = new FakeFile(randomBytes(10));
    expect((await readAll(new RemoteReadStream({ io: file, handle, position: 50 }))).length).toBe(0);
  });

  it('fails (never ends) when a request fails, and closes the handle', async () => {
    const file = new FakeFile(randomBytes(200_000));
    file.failAt = 150_000;
    const mapError = (e: unknown): Error => new FerryError('PROTOCOL_ERROR', `mapped: ${(e as Error).message}`);
    const stream = new RemoteReadStream({ io: file, handle, chunkSize: 8192, maxRequests: 8, mapError });
    const error = await readAll(stream).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FerryError);
    expect((error as FerryError).message).toBe('mapped: Failure');
    expect(file.closed).toBe(1);
  });

  it('stops asking when the consumer does not read (backpressure)', async () => {
    const file = new FakeFile(randomBytes(10_000_000));
    const stream = new RemoteReadStream({ io: file, handle, chunkSize: 1024, maxRequests: 8 });
    stream.pause();
    await new Promise<void>((resolve) => stream.once('readable', () => resolve()));
    // Wait until nothing is in flight any more (the window filled the buffer and stopped).
    while (file.inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
    const requested = file.readRequests;
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(file.readRequests).toBe(requested);
    // Bounded: about one buffer (hwm = 8 KiB) plus one window, far below the 10 MB file.
    expect(requested * 1024).toBeLessThan(64 * 1024);
    stream.destroy();
  });

  it('reuses the read buffers that the consumer hands back', async () => {
    const file = new FakeFile(randomBytes(1_000_000));
    const stream = new RemoteReadStream({ io: file, handle, chunkSize: 4096, maxRequests: 8 });
    const parts: Buffer[] = [];
    for await (const chunk of stream) {
      parts.push(Buffer.from(chunk as Buffer));
      returnChunk(chunk as Buffer);
    }
    expect(Buffer.concat(parts).equals(file.data)).toBe(true);
    // 245 reads; without reuse each would have had its own buffer.
    expect(file.readRequests).toBeGreaterThan(200);
    expect(file.readMemory.size).toBeLessThan(50);
  });

  it('never reuses a chunk the consumer keeps', async () => {
    const file = new FakeFile(randomBytes(500_000));
    const stream = new RemoteReadStream({ io: file, handle, chunkSize: 4096, maxRequests: 8 });
    const kept: { chunk: Buffer; position: number }[] = [];
    let position = 0;
    let index = 0;
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      // Every other chunk is handed back (its buffer is reused); the others must never change.
      if (index++ % 2 === 0) returnChunk(bytes);
      else kept.push({ chunk: bytes, position });
      position += bytes.length;
    }
    expect(position).toBe(file.data.length);
    for (const { chunk, position: at } of kept) expect(chunk.equals(file.data.subarray(at, at + chunk.length))).toBe(true);
    expect(file.readMemory.size).toBeLessThan(file.readRequests);
  });

  it('does not reuse a buffer whose answer came short, even when its chunks are handed back', async () => {
    const file = new FakeFile(randomBytes(60_000));
    file.shortReadLimit = 700;
    const stream = new RemoteReadStream({ io: file, handle, chunkSize: 4096, maxRequests: 4 });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      returnChunk(chunk as Buffer);
    }
    // Every answer was short: each buffer took several requests and was never lent, so the
    // chunks still hold the file.
    expect(Buffer.concat(chunks).equals(file.data)).toBe(true);
  });

  it('is cancelled through its signal', async () => {
    const file = new FakeFile(randomBytes(5_000_000));
    const controller = new AbortController();
    const stream = new RemoteReadStream({ io: file, handle, chunkSize: 1024, signal: controller.signal });
    stream.once('data', () => controller.abort());
    const error = await readAll(stream).then(
      () => null,
      (e: unknown) => e as FerryError,
    );
    expect(error?.code).toBe('CANCELLED');
  });
});

describe('chunk leases', () => {
  it('give a lent chunk back once, and ignore chunks that were not lent', () => {
    const chunk = Buffer.alloc(4);
    let given = 0;
    lendChunk(chunk, () => given++);
    returnChunk(chunk);
    returnChunk(chunk);
    returnChunk(Buffer.alloc(4));
    expect(given).toBe(1);
  });
});

describe('RemoteWriteStream', () => {
  it('writes a file exactly with many requests in flight, and finishes after close', async () => {
    const source = randomBytes(1_234_567);
    const file = new FakeFile();
    const stream = new RemoteWriteStream({ io: file, handle, chunkSize: 4096, maxRequests: 16 });
    await pipeline(Readable.from(chunks(source, 100_000)), stream);
    expect(file.data.equals(source)).toBe(true);
    expect(file.maxInFlight).toBe(16);
    expect(file.closed).toBe(1);
    expect(stream.bytesPosition).toBe(source.length);
  });

  it('writes from an offset (resume)', async () => {
    const source = randomBytes(300_000);
    const file = new FakeFile(Buffer.from(source.subarray(0, 100_000)));
    await pipeline(Readable.from(chunks(source.subarray(100_000), 7_777)), new RemoteWriteStream({ io: file, handle, position: 100_000, chunkSize: 4096 }));
    expect(file.data.equals(source)).toBe(true);
  });

  it('errors when a write is refused', async () => {
    const file = new FakeFile();
    file.failAt = 500_000;
    const mapError = (e: unknown): Error => new FerryError('PERMISSION_DENIED', (e as Error).message);
    const stream = new RemoteWriteStream({ io: file, handle, chunkSize: 4096, mapError });
    const error = await pipeline(Readable.from(chunks(randomBytes(1_000_000), 65_536)), stream).then(
      () => null,
      (e: unknown) => e as FerryError,
    );
    expect(error?.code).toBe('PERMISSION_DENIED');
    expect(file.closed).toBe(1);
  });

  it('errors when the final close fails (the data may not be on disk)', async () => {
    const file = new FakeFile();
    file.closeError = Object.assign(new Error('Failure'), { code: 4 });
    const stream = new RemoteWriteStream({ io: file, handle });
    const error = await pipeline(Readable.from([randomBytes(1000)]), stream).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('Failure');
  });
});

function* chunks(data: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}
