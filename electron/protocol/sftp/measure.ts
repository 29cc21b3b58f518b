/**
 * Throughput of Ferry's SFTP engine against OpenSSH's own `sftp` client, both talking to
 * the same throw-away sshd on 127.0.0.1 (testkit). Not a test: a measurement to run by hand.
 *
 *   npx esbuild electron/protocol/sftp/measure.ts --bundle --platform=node \
 *     --packages=external --outfile=node_modules/.cache/sftp-measure.cjs && node node_modules/.cache/sftp-measure.cjs [--size-mib 256] [--runs 3]
 *   (tuning experiments: [--chunk-kib 32] [--requests 64] [--ferry-only] [--keep-chunks])
 *
 * Needs root (the test sshd does) and /usr/bin/sftp. Every transfer is checked byte for
 * byte (SHA-256), so a fast but wrong transfer cannot look good. Prints MiB/s per run, the
 * median and best of each, and Ferry / OpenSSH ratios of the medians; OpenSSH runs both
 * with its default cipher (named, from `sftp -v`) and with the cipher Ferry negotiated, so
 * the comparison is like for like. Runs take turns, so load from other work hits all alike.
 *
 * Ferry's download writes the file the way the transfer engine's writer should: each chunk
 * is handed back (chunk-lease.ts) once written, so the read buffers are reused.
 * `--keep-chunks` measures a consumer that does not hand chunks back.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { startSshd, type SshdHandle } from '../../../testkit/servers';
import type { RemoteFs } from '../remote-fs';
import { MemoryTrustStore } from '../trust-store';
import { returnChunk } from '../chunk-lease';
import { connectSftp } from './index';

const run = promisify(execFile);

interface Settings {
  sizeMiB: number;
  runs: number;
  /** Override Ferry's request size / window, to try other tunings. */
  chunkKiB?: number;
  requests?: number;
  /** Skip the OpenSSH runs (when only trying Ferry tunings). */
  ferryOnly: boolean;
  /** The download's file writer does not hand chunks back (no buffer reuse). */
  keepChunks: boolean;
}

function parseArgs(argv: string[]): Settings {
  const settings: Settings = { sizeMiB: 256, runs: 3, ferryOnly: false, keepChunks: false };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    if (argv[i] === '--ferry-only') {
      settings.ferryOnly = true;
      continue;
    }
    if (argv[i] === '--keep-chunks') {
      settings.keepChunks = true;
      continue;
    }
    if (argv[i] === '--size-mib' && value > 0) settings.sizeMiB = value;
    else if (argv[i] === '--runs' && value > 0) settings.runs = value;
    else if (argv[i] === '--chunk-kib' && value > 0) settings.chunkKiB = value;
    else if (argv[i] === '--requests' && value > 0) settings.requests = value;
    else continue;
    i++;
  }
  return settings;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}

async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  try {
    for (let done = 0; done < bytes; ) {
      const chunk = randomBytes(Math.min(8 * 1024 * 1024, bytes - done));
      await handle.write(chunk);
      done += chunk.length;
    }
  } finally {
    await handle.close();
  }
}

/** Seconds taken by `work`. */
async function timed(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function ferryDownload(remote: RemoteFs, from: string, to: string, keepChunks: boolean): Promise<void> {
  await pipeline(await remote.openRead(from), fileWriter(to, keepChunks));
}

/** Writes chunks to `file` one by one; unless `keepChunks`, hands each back once written. */
function fileWriter(file: string, keepChunks: boolean): Writable {
  let handle: fs.promises.FileHandle;
  return new Writable({
    highWaterMark: 4 * 1024 * 1024,
    construct(callback) {
      fs.promises.open(file, 'w').then((opened) => {
        handle = opened;
        callback();
      }, callback);
    },
    write(chunk: Buffer, _encoding, callback) {
      writeFully(handle, chunk).then(() => {
        if (!keepChunks) returnChunk(chunk);
        callback();
      }, callback);
    },
    final(callback) {
      handle.close().then(() => callback(), callback);
    },
    destroy(error, callback) {
      if (!handle) return callback(error);
      handle.close().then(() => callback(error), () => callback(error));
    },
  });
}

async function writeFully(handle: fs.promises.FileHandle, chunk: Buffer): Promise<void> {
  for (let done = 0; done < chunk.length; ) {
    done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
  }
}

async function ferryUpload(remote: RemoteFs, from: string, to: string): Promise<void> {
  await pipeline(fs.createReadStream(from, { highWaterMark: 256 * 1024 }), await remote.openWrite(to));
}

/** `sftp` arguments for one batch file; `verbose` logs the key exchange instead of only errors. */
function sftpArgs(server: SshdHandle, batch: string, cipher: string | null, verbose = false): string[] {
  return [
    verbose ? '-v' : '-q',
    '-F', '/dev/null',
    '-b', batch,
    '-P', String(server.port),
    '-i', server.clientKeyPath,
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    ...(verbose ? [] : ['-o', 'LogLevel=ERROR']),
    ...(cipher ? ['-c', cipher] : []),
    `${server.user}@${server.host}`,
  ];
}

/** One OpenSSH `sftp -b` run of a single get or put. */
async function opensshTransfer(server: SshdHandle, work: string, batchLine: string, cipher: string | null): Promise<void> {
  const batch = path.join(work, 'batch');
  fs.writeFileSync(batch, `${batchLine}\n`);
  await run('/usr/bin/sftp', sftpArgs(server, batch, cipher), { maxBuffer: 16 * 1024 * 1024 });
}

/** The cipher OpenSSH's sftp picks by default against this server, from its `-v` log. */
async function opensshDefaultCipher(server: SshdHandle, work: string): Promise<string> {
  const batch = path.join(work, 'batch');
  fs.writeFileSync(batch, 'pwd\n');
  const { stderr } = await run('/usr/bin/sftp', sftpArgs(server, batch, null, true), { maxBuffer: 16 * 1024 * 1024 });
  return /server->client cipher: (\S+)/.exec(stderr)?.[1] ?? 'unknown';
}

function mibPerSecond(bytes: number, seconds: number): number {
  return bytes / (1024 * 1024) / seconds;
}

async function main(): Promise<void> {
  const settings = parseArgs(process.argv.slice(2));
  const bytes = Math.round(settings.sizeMiB * 1024 * 1024);
  const server = await startSshd();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-measure-'));
  const owner = fs.statSync(server.root);
  try {
    const localSource = path.join(work, 'source.bin');
    const remoteSource = path.join(server.root, 'remote-source.bin');
    await writeRandomFile(localSource, bytes);
    fs.copyFileSync(localSource, remoteSource);
    fs.chownSync(remoteSource, owner.uid, owner.gid);
    const expected = await sha256File(localSource);

    const trustStore = new MemoryTrustStore();
    await trustStore.pin('host-key', server.host, server.port, server.hostKeyFingerprint);
    const remote = await connectSftp({
      host: server.host,
      port: server.port,
      user: server.user,
      privateKey: { path: server.clientKeyPath },
      trustStore,
      knownHostsFile: null,
      transfer: {
        ...(settings.chunkKiB ? { chunkSize: settings.chunkKiB * 1024 } : {}),
        ...(settings.requests ? { maxRequests: settings.requests } : {}),
      },
    });
    const cipher = remote.security().cipher ?? null;

    const results: Record<string, number[]> = {};
    const record = async (label: string, check: string, work_: () => Promise<void>): Promise<void> => {
      if (fs.existsSync(check)) fs.rmSync(check);
      const seconds = await timed(work_);
      const actual = await sha256File(check);
      if (actual !== expected) throw new Error(`${label}: the transferred file differs from the source.`);
      const speed = mibPerSecond(bytes, seconds);
      (results[label] ??= []).push(speed);
      console.log(`${label.padEnd(36)} ${seconds.toFixed(2).padStart(7)} s  ${speed.toFixed(1).padStart(7)} MiB/s`);
    };

    const localTarget = path.join(work, 'downloaded.bin');
    const remoteTarget = path.join(server.root, 'uploaded.bin');
    const opensshCipher = settings.ferryOnly ? null : await opensshDefaultCipher(server, work);
    const ciphers: (string | null)[] = settings.ferryOnly ? [] : [null, ...(cipher && cipher !== opensshCipher ? [cipher] : [])];
    console.log(
      `${settings.sizeMiB} MiB, ${settings.runs} run(s) each; Ferry negotiated ${cipher ?? 'an unknown cipher'}` +
        `${opensshCipher ? `, OpenSSH's default is ${opensshCipher}` : ''}; download chunks ${settings.keepChunks ? 'kept' : 'handed back'}; sshd on ${server.host}:${server.port}`,
    );
    for (let i = 0; i < settings.runs; i++) {
      await record('Ferry download', localTarget, () => ferryDownload(remote, remoteSource, localTarget, settings.keepChunks));
      for (const c of ciphers) {
        await record(`OpenSSH sftp get (${c ?? 'default cipher'})`, localTarget, () =>
          opensshTransfer(server, work, `get "${remoteSource}" "${localTarget}"`, c),
        );
      }
      await record('Ferry upload', remoteTarget, () => ferryUpload(remote, localSource, remoteTarget));
      for (const c of ciphers) {
        await record(`OpenSSH sftp put (${c ?? 'default cipher'})`, remoteTarget, () =>
          opensshTransfer(server, work, `put "${localSource}" "${remoteTarget}"`, c),
        );
      }
    }
    await remote.close();

    const best = (label: string): number => Math.max(...(results[label] ?? [0]));
    const median = (label: string): number => {
      const sorted = [...(results[label] ?? [0])].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
    };
    console.log('\nMedian and best of each (MiB/s):');
    for (const label of Object.keys(results)) {
      console.log(`  ${label.padEnd(36)} ${median(label).toFixed(1).padStart(7)} ${best(label).toFixed(1).padStart(7)}`);
    }
    console.log('\nFerry / OpenSSH (medians):');
    for (const c of ciphers) {
      const name = c ?? 'default cipher';
      console.log(`  download vs sftp get (${name}): ${(median('Ferry download') / median(`OpenSSH sftp get (${name})`)).toFixed(2)}`);
      console.log(`  upload   vs sftp put (${name}): ${(median('Ferry upload') / median(`OpenSSH sftp put (${name})`)).toFixed(2)}`);
    }
  } finally {
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
