/**
 * The bench's latency proxy: passive replies point at the proxy, every byte arrives intact
 * and in order, and a round trip really takes the delay it adds (the ftp-latency figures
 * depend on all three).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultFtpServer, type FaultFtpServer } from '../testkit/fault-ftp';
import { curl } from '../testkit/servers/curl.test-helper';
import { rewritePassiveReply, startLatencyProxy, type LatencyProxy } from './latency-proxy';

describe('rewritePassiveReply', () => {
  const listenFor = async (serverPort: number): Promise<number> => serverPort + 1000;

  it('points 229 and 227 replies at the listener made for the server port', async () => {
    expect(await rewritePassiveReply('229 Entering Extended Passive Mode (|||40000|)\r\n', listenFor)).toBe(
      '229 Entering Extended Passive Mode (|||41000|)\r\n',
    );
    // 157 * 256 + 64 = 40256 → 41256 = 161 * 256 + 40
    expect(await rewritePassiveReply('227 Entering Passive Mode (127,0,0,1,157,64).\r\n', listenFor)).toBe(
      '227 Entering Passive Mode (127,0,0,1,161,40)\r\n',
    );
  });

  it('passes every other line through unchanged', async () => {
    for (const line of ['150 Ok to send data.\r\n', '226 Transfer complete.\r\n', '211-Features:\r\n', ' EPSV\r\n']) {
      expect(await rewritePassiveReply(line, listenFor)).toBe(line);
    }
  });
});

describe('through the proxy', () => {
  const ROUND_TRIP_MS = 40;
  const data = randomBytes(3 * 1024 * 1024 + 17);
  let server: FaultFtpServer;
  let proxy: LatencyProxy;
  let dir: string;

  beforeAll(async () => {
    server = await startFaultFtpServer({ files: { 'big.bin': data } }) // curl asks for it relative to /;
    proxy = await startLatencyProxy(server.port, ROUND_TRIP_MS);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-latency-proxy-'));
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a download byte for byte, each round trip delayed', async () => {
    const target = path.join(dir, 'big.bin');
    const started = Date.now();
    await curl('--epsv', '-o', target, `ftp://u:p@127.0.0.1:${proxy.port}/big.bin`);
    const elapsed = Date.now() - started;
    expect(fs.readFileSync(target).equals(data)).toBe(true);
    // USER, PASS, PWD, EPSV, TYPE, SIZE and RETR each wait for an answer: seven round trips at least.
    expect(elapsed).toBeGreaterThanOrEqual(7 * ROUND_TRIP_MS);
  });

  it('carries PASV transfers too (curl --disable-epsv)', async () => {
    const target = path.join(dir, 'pasv.bin');
    await curl('--disable-epsv', '-o', target, `ftp://u:p@127.0.0.1:${proxy.port}/big.bin`);
    expect(fs.readFileSync(target).equals(data)).toBe(true);
    expect(server.commands).toContain('PASV');
  });
});
