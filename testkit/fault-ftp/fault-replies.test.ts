/**
 * Ferry's FTP engine against the scripted fault server: replies split, merged,
 * oversized or stray, and the connection's life (greeting, 421, keep-alive, connect
 * timeouts, cancel).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract/app';
import { connectPlain, readAll, rejectionOf } from './client-helpers';
import { useFaultServers, writeByteByByte } from './fault-setup';

const { server, forget } = useFaultServers();

describe('replies', () => {
  it('logs in through a multi-line greeting sent byte by byte, and several replies in one segment', async () => {
    const s = await server({
      greeting: async (session) => {
        session.socket.setNoDelay(true);
        await writeByteByByte((d) => session.write(d), '220-Welcome to\r\n220-the fault server\n220 Ready\r\n');
      },
      handlers: {
        // SYST and FEAT answered in one write, before FEAT is even asked.
        SYST: (session) => void session.write('215 UNIX Type: L8\r\n211-Features:\r\n SIZE\r\n211 End\r\n'),
        FEAT: () => {},
      },
    });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    expect(client.system()).toBe('UNIX Type: L8');
    expect(client.features().has('SIZE')).toBe(true);
    expect(log.filter((l) => l.level === 'response').map((l) => l.text)).toContain('220 Ready');
    await client.close();
  });

  it('fails cleanly on a 10 MB reply line: PROTOCOL_ERROR, connection closed', async () => {
    let written = 0;
    const s = await server({
      handlers: {
        SYST: async (session) => {
          const chunk = Buffer.alloc(64 * 1024, 0x41);
          await session.write('215 ');
          while (written < 10 * 1024 * 1024 && !session.socket.destroyed) {
            await session.write(chunk);
            written += chunk.length;
          }
        },
      },
    });
    const error = await rejectionOf(connectPlain(s));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toMatch(/reply line longer than 8 KiB/);
    await s.waitForClosedSessions(1);
  });

  it('treats a multi-line reply past 1 MiB as a protocol error', async () => {
    const s = await server({
      handlers: {
        FEAT: async (session) => {
          await session.write('211-Features:\r\n');
          const lines = ` ${'F'.repeat(1000)}\r\n`.repeat(100);
          for (let i = 0; i < 12 && !session.socket.destroyed; i++) await session.write(lines);
        },
      },
    });
    const error = await rejectionOf(connectPlain(s));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toMatch(/larger than 1 MiB/);
  });
});

describe('stray replies and active ports', () => {
  it('drops a reply the server sent one too many, so it answers no later command', async () => {
    const s = await server({ files: { '/a': 'abc' }, handlers: { MKD: (session) => session.reply('257 "/d" created\r\n200 Stray extra reply.') } });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    await client.mkdir('/d');
    expect(await client.size('/a')).toBe(3);
    expect(log.some((l) => l.level === 'warning' && /Ignored a reply nobody asked for: 200 Stray/.test(l.text))).toBe(true);
    await client.close();
  });

  it('listens for active-mode data connections inside the configured port range', async () => {
    const s = await server({ files: { '/a': 'range' } });
    const client = await connectPlain(s, { dataMode: 'active', activePortRange: [40000, 40010] });
    expect((await readAll(await client.openRead('/a'))).toString()).toBe('range');
    const eprt = s.commands.find((c) => c.startsWith('EPRT')) ?? '';
    const port = Number(eprt.split('|')[3]);
    expect(port).toBeGreaterThanOrEqual(40000);
    expect(port).toBeLessThanOrEqual(40010);
    await client.close();
  });
});

describe('connecting', () => {
  it('times out a server that never greets (connect limit), and cancels through the signal', async () => {
    const s = await server({ greeting: () => {} });
    const started = Date.now();
    const error = await rejectionOf(connectPlain(s, { timeouts: { connectMs: 800 } }));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    await s.waitForClosedSessions(1);

    const controller = new AbortController();
    const pending = connectPlain(s, { signal: controller.signal });
    await s.waitForSessions(2);
    controller.abort();
    expect((await rejectionOf(pending)).code).toBe('CANCELLED');
    await s.waitForClosedSessions(2);
  });

  it('reports a closed port as CONNECTION_REFUSED', async () => {
    const s = await server();
    const port = s.port;
    await s.stop();
    forget(s);
    const error = await rejectionOf(connectPlain({ host: '127.0.0.1', port }));
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toMatch(/refused/);
  });

  it('fails a running download with CONNECTION_LOST when the client is closed', async () => {
    const s = await server({ files: { '/big.bin': randomBytes(8 * 1024 * 1024) } });
    const client = await connectPlain(s);
    const stream = await client.openRead('/big.bin');
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    stream.pause();
    await client.close();
    const error = await rejectionOf(readAll(stream));
    expect(error.code).toBe('CONNECTION_LOST');
    expect(client.connected).toBe(false);
  });
});

describe('connection life', () => {
  it('sends ACCT when the server asks for an account', async () => {
    const s = await server({ handlers: { PASS: (session) => session.reply('332 Need account.'), ACCT: (session) => session.reply('230 OK.') } });
    const log: LogLine[] = [];
    const client = await connectPlain(s, { account: 'acct-secret' }, log);
    expect(s.commands).toContain('ACCT acct-secret');
    expect(JSON.stringify(log)).not.toContain('acct-secret');
    await client.close();
  });

  it('waits through a 120 greeting for the 220', async () => {
    const s = await server({
      greeting: async (session) => {
        session.reply('120 Service ready in 1 minute.');
        session.reply('220 Now ready.');
      },
    });
    const client = await connectPlain(s);
    expect(client.connected).toBe(true);
    await client.close();
  });

  it('reports a 421 between commands as CONNECTION_LOST through onClose', async () => {
    let kick: (() => void) | null = null;
    const s = await server({ handlers: { NOOP: (session) => (kick = () => { session.reply('421 Idle timeout.'); session.socket.end(); }, session.reply('200 OK')) } });
    const client = await connectPlain(s);
    await client.raw('NOOP');
    const closed = new Promise<Error | undefined>((resolve) => client.onClose(resolve));
    (kick as unknown as () => void)();
    const error = (await closed) as Error & { code: string };
    expect(error.code).toBe('CONNECTION_LOST');
    expect(error.message).toMatch(/421 Idle timeout/);
    expect(client.connected).toBe(false);
  });

  it('sends keep-alive NOOPs when idle', async () => {
    const s = await server();
    const client = await connectPlain(s, { keepAliveMs: 200 });
    await s.waitForCommand('NOOP');
    expect(client.connected).toBe(true);
    await client.close();
  });

  it('refuses raw commands that would break the connection state', async () => {
    const s = await server();
    const client = await connectPlain(s);
    for (const command of ['PASV', 'REST 10', 'RETR /a', 'USER x', 'PROT C', 'MODE Z']) {
      expect((await rejectionOf(client.raw(command))).code).toBe('INVALID_INPUT');
    }
    expect(await client.raw('SITE HELP')).toEqual({ code: 502, text: '502 SITE not implemented.' });
    await client.close();
  });

  it('serialises concurrent operations on one connection', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`/f${i}`] = 'x'.repeat(i);
    const s = await server({ files });
    const client = await connectPlain(s);
    const sizes = await Promise.all(Object.keys(files).map((name) => client.size(name)));
    expect(sizes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [a, b] = await Promise.all([readAll(await client.openRead('/f3')), client.size('/f9')]);
    expect(a.toString()).toBe('xxx');
    expect(b).toBe(9);
    await client.close();
  });

  it('uses HASH with the strongest algorithm, selecting it first', async () => {
    const digest = 'ab'.repeat(32);
    const s = await server({
      features: ['SIZE', 'EPSV', 'HASH SHA-1*;SHA-256;MD5'],
      handlers: { HASH: (session, argument) => session.reply(`213 SHA-256 0-9 ${digest} ${argument}`) },
    });
    const client = await connectPlain(s);
    expect(await client.hash('/a')).toEqual({ algorithm: 'SHA-256', digest });
    expect(s.commands).toContain('OPTS HASH SHA-256');
    expect(await client.hash('/b')).toEqual({ algorithm: 'SHA-256', digest });
    expect(s.commands.filter((c) => c.startsWith('OPTS HASH'))).toHaveLength(1);
    await client.close();
  });

  it('falls back to XMD5 and returns null without any hash command', async () => {
    const s = await server({ features: ['XMD5'], handlers: { XMD5: (session) => session.reply('250 D41D8CD98F00B204E9800998ECF8427E') } });
    const client = await connectPlain(s);
    expect(await client.hash('/a')).toEqual({ algorithm: 'MD5', digest: 'd41d8cd98f00b204e9800998ecf8427e' });
    await client.close();
    const plain = await server();
    const other = await connectPlain(plain);
    expect(await other.hash('/a')).toBeNull();
    await other.close();
  });
});
