import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { returnChunk } from '../chunk-lease';
import { PooledReads } from './pooled-reads';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback server that writes `data` to each connection and ends it. */
async function serve(data: Buffer): Promise<number> {
  const server = net.createServer((socket) => socket.end(data));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function connect(port: number, reads: PooledReads): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, onread: reads.onread }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function ended(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => (socket.readableEnded ? resolve() : socket.once('end', () => resolve())));
}

describe('PooledReads', () => {
  it('holds what arrives before the reader is attached, stops reading after a buffer of it, and delivers it in order', () => {
    const reads = new PooledReads();
    const sent: Buffer[] = [];
    // What the socket does on each read: fill the buffer it was given, then call back.
    const read = (bytes: number): boolean => {
      const buffer = reads.onread.buffer();
      const data = randomBytes(bytes);
      data.copy(buffer);
      sent.push(data);
      return reads.onread.callback(bytes, buffer);
    };
    expect(read(100 * 1024)).toBe(true);
    expect(read(200 * 1024)).toBe(false); // More than 256 KiB waiting: reading stops.
    let resumed = 0;
    const socket = { resume: () => (resumed += 1) } as unknown as net.Socket;
    const received: Buffer[] = [];
    reads.attach(socket, (chunk) => {
      received.push(Buffer.from(chunk));
      returnChunk(chunk);
      return true;
    });
    expect(Buffer.concat(received).equals(Buffer.concat(sent))).toBe(true);
    expect(resumed).toBe(1);
  });

  it('delivers a large download byte for byte through a real socket', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 17);
    const reads = new PooledReads();
    const socket = await connect(await serve(data), reads);
    const copies: Buffer[] = [];
    const end = ended(socket);
    reads.attach(socket, (chunk) => {
      copies.push(Buffer.from(chunk));
      returnChunk(chunk);
      return true;
    });
    await end;
    expect(Buffer.concat(copies).equals(data)).toBe(true);
  });

  it('reuses a buffer once its chunk was handed back, and never while it is still held', async () => {
    const data = randomBytes(8 * 1024 * 1024);
    const reads = new PooledReads();
    const socket = await connect(await serve(data), reads);
    const held: Array<{ chunk: Buffer; copy: Buffer }> = [];
    const seen = new Set<ArrayBufferLike>();
    let chunks = 0;
    const end = ended(socket);
    reads.attach(socket, (chunk) => {
      chunks += 1;
      seen.add(chunk.buffer);
      // Keep every other chunk: it must not be overwritten by a later read.
      if (chunks % 2 === 0) held.push({ chunk, copy: Buffer.from(chunk) });
      else returnChunk(chunk);
      return true;
    });
    await end;
    for (const { chunk, copy } of held) expect(chunk.equals(copy)).toBe(true);
    // Chunks handed back were read into again: fewer buffers than chunks.
    expect(seen.size).toBeLessThan(chunks);
  });

  it('stops reading while the consumer is full and goes on after resume()', async () => {
    const data = randomBytes(4 * 1024 * 1024);
    const reads = new PooledReads();
    const socket = await connect(await serve(data), reads);
    const copies: Buffer[] = [];
    let full = false;
    let deliveredWhileFull = 0;
    const end = ended(socket);
    reads.attach(socket, (chunk) => {
      if (full) deliveredWhileFull += 1;
      copies.push(Buffer.from(chunk));
      returnChunk(chunk);
      if (copies.length === 2) {
        full = true;
        socket.pause();
        // A slow consumer: it takes more only a moment later (the outcome does not depend on how long).
        setTimeout(() => {
          full = false;
          socket.resume();
        }, 20);
        return false;
      }
      return true;
    });
    await end;
    expect(deliveredWhileFull).toBe(0);
    expect(Buffer.concat(copies).equals(data)).toBe(true);
  });
});
