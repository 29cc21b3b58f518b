/**
 * A small download with no speed limit in force: its bytes are gathered in memory and
 * written with one call once all arrived, without the meter and pipeline stages that
 * cost more than a few KiB of data (see small-files.ts).
 */
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { FerryError } from '../../shared/errors';
import { returnChunk } from '../protocol/chunk-lease';
import type { InlineMeter } from './byte-meter';
import { PartFileWriter, untilClosed } from './part-file';
import { SMALL_FILE_BYTES } from './small-files';

/** Where and how {@link receiveSmallFile} puts the bytes. */
export interface SmallFileTarget {
  /** The temporary file, made once all bytes arrived, from `offset`. */
  part: string;
  offset: number;
  /** The bytes announced. */
  expected: number;
  onDurable: (bytes: number) => void;
  signal: AbortSignal;
  /** Counts the bytes as they arrive and watches for a stall; stopped once all arrived. */
  meter: InlineMeter;
  /** All bytes arrived (before the file is made): the connection may carry the next file. */
  onReceived(): void;
}

/**
 * A small file with no speed limit in force: gathered in
 * memory and written with one call once all arrived, without the meter and pipeline stages
 * (see small-files.ts). The temporary file is made only then. A server that sends far more
 * than it announced is cut off, so memory stays bounded whatever it sends.
 */
export async function receiveSmallFile(readable: Readable, target: SmallFileTarget): Promise<PartFileWriter> {
  const { part, offset, expected, onDurable, signal, meter } = target;
  let data: Buffer;
  try {
    data = await gather(readable, 2 * Math.max(expected, SMALL_FILE_BYTES), signal, meter);
  } finally {
    meter.stop();
  }
  target.onReceived();
  // Let the connection's next file send its commands before this one's file is made: the
  // server then works on that file while this one is created and written.
  await new Promise((resolve) => setImmediate(resolve));
  const writer = await PartFileWriter.open(part, offset, onDurable, { expectedBytes: data.length });
  try {
    writer.end(data);
    await finished(writer);
  } catch (error) {
    await untilClosed(writer);
    throw error;
  }
  return writer;
}

/** All of `readable`'s bytes, copied out of any lent chunks; more than `cap` bytes, or `signal`, stop it. */
function gather(readable: Readable, cap: number, signal: AbortSignal, meter: InlineMeter): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onAbort = (): void => void readable.destroy(new FerryError('CANCELLED', 'The download was cancelled.'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const giveBack = (): void => {
      signal.removeEventListener('abort', onAbort);
      chunks.splice(0).forEach(returnChunk);
    };
    readable.on('data', (chunk: Buffer) => {
      // A limit set since the file started: wait for it before taking more.
      const waiting = meter.pass(chunk.length);
      if (waiting) {
        readable.pause();
        waiting.then(
          () => readable.resume(),
          (error: Error) => readable.destroy(error),
        );
      }
      bytes += chunk.length;
      chunks.push(chunk);
      if (bytes > cap) {
        readable.destroy(
          new FerryError('CONNECTION_LOST', `The server sent more than ${cap} bytes of a file announced as much smaller: it changed; it will be downloaded again.`),
        );
      }
    });
    readable.once('end', () => {
      const data = Buffer.concat(chunks, bytes);
      giveBack();
      resolve(data);
    });
    readable.once('error', (error) => {
      giveBack();
      reject(error);
    });
  });
}
