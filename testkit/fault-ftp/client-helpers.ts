/** Small helpers for tests that drive Ferry's FTP engine against test servers. */
import type { Readable, Writable } from 'node:stream';
import { connectFtp, type FtpConnectOptions } from '../../electron/protocol/ftp';
import { MemoryTrustStore } from '../../electron/protocol/trust-store';
import type { LogLine } from '../../shared/contract/app';

/** Connects to a plain FTP test server with short limits, collecting log lines into `log`. */
export function connectPlain(server: { host: string; port: number }, extra: Partial<FtpConnectOptions> = {}, log: LogLine[] = []) {
  return connectFtp({
    host: server.host,
    port: server.port,
    user: 'tester',
    password: 'secret-pw',
    encryption: 'plain',
    trustStore: new MemoryTrustStore(),
    onLog: (line) => log.push(line),
    ...extra,
  });
}

/** Reads a stream to the end; resolves with the bytes, or rejects with the stream's error and the bytes so far. */
export function readAll(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', (error) => reject(Object.assign(error, { received: Buffer.concat(chunks) })));
  });
}

/** Writes `data` and ends; resolves on `finish`, rejects on `error`. */
export function writeAll(stream: Writable, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.once('finish', () => resolve());
    stream.end(data);
  });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; detail?: string; received?: Buffer }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('Expected a rejection, but the promise resolved.');
}
