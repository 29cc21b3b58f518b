/**
 * Measures the peak RSS of a large download through Ferry's FTP engine from a real
 * vsftpd, to show that openRead streams (backpressure, nothing buffered whole).
 *
 * Run (as root, from the repository root):
 *   npx esbuild testkit/fault-ftp/measure-download-rss.ts --bundle --platform=node --outfile=/tmp/ferry-rss.cjs \
 *     && node /tmp/ferry-rss.cjs [sizeMiB=1024] [tls]
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { connectFtp } from '../../electron/protocol/ftp';
import { MemoryTrustStore } from '../../electron/protocol/trust-store';
import { startVsftpd } from '../servers';
import { testUserIds } from '../servers/test-user';

async function main(): Promise<void> {
  const sizeMiB = Number(process.argv[2] ?? 1024);
  const useTls = process.argv[3] === 'tls';
  const server = await startVsftpd(useTls ? { tls: 'explicit' } : {});
  try {
    const file = path.join(server.root, 'big.bin');
    // Random bytes, so nothing on the way can shortcut zero pages.
    await promisify(execFile)('/bin/sh', ['-c', `head -c ${sizeMiB}M /dev/urandom > '${file}'`]);
    const { uid, gid } = await testUserIds();
    await fs.chown(file, uid, gid);
    global.gc?.();
    const before = process.memoryUsage().rss;
    const client = await connectFtp({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      encryption: useTls ? 'require-explicit' : 'plain',
      trustStore: new MemoryTrustStore(),
      decideCertificate: async () => 'trust-once',
    });
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const hash = createHash('sha256');
    let bytes = 0;
    const started = Date.now();
    await pipeline(
      await client.openRead('/big.bin'),
      new Writable({
        highWaterMark: 1024 * 1024,
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          hash.update(chunk);
          callback();
        },
      }),
    );
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    await client.close();
    const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    console.log(
      JSON.stringify({
        tls: useTls,
        downloaded: mib(bytes),
        seconds,
        throughput: `${(bytes / 1024 / 1024 / seconds).toFixed(0)} MiB/s`,
        rssBefore: mib(before),
        rssPeakSampled: mib(peak),
        maxRssOfProcess: mib(process.resourceUsage().maxRSS * 1024),
      }),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
