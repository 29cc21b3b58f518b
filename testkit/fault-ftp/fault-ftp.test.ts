/**
 * Ferry's FTP engine against the scripted fault server: replies split or oversized,
 * connections dropped or stalled, servers that lie, and attacks through names and
 * replies.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract/app';
import { MemoryTrustStore } from '../../electron/protocol/trust-store';
import { connectFtp } from '../../electron/protocol/ftp';
import { makeSelfSignedCertificate } from '../servers';
import { connectPlain, readAll, rejectionOf, writeAll } from './client-helpers';
import { startFaultFtpServer, type FaultFtpOptions, type FaultFtpServer } from './server';

const servers: FaultFtpServer[] = [];
async function server(options: FaultFtpOptions = {}): Promise<FaultFtpServer> {
  const started = await startFaultFtpServer(options);
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** Writes `text` one byte per TCP segment (each write waits for the previous one to flush). */
async function writeByteByByte(write: (data: Buffer) => Promise<void>, text: string): Promise<void> {
  for (const byte of Buffer.from(text)) await write(Buffer.from([byte]));
}

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

describe('downloads', () => {
  it('reports a dropped connection as CONNECTION_LOST, then resumes with REST to exactly the right bytes', async () => {
    const content = randomBytes(3 * 1024 * 1024);
    let drop = true;
    const s = await server({
      files: { '/big.bin': content },
      handlers: {
        RETR: async (session, argument) => {
          if (!drop) return session.standard('RETR', argument);
          drop = false;
          const data = await session.dataSocket();
          session.reply(`150 Opening BINARY mode data connection (${content.length} bytes).`);
          await new Promise<void>((resolve) => data.write(content.subarray(0, 1024 * 1024), () => resolve()));
          data.destroy();
          session.destroy();
        },
      },
    });
    const first = await connectPlain(s);
    const error = await rejectionOf(readAll(await first.openRead('/big.bin')));
    expect(error.code).toBe('CONNECTION_LOST');
    const partial = error.received as Buffer;
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(content.length);
    expect(partial.equals(content.subarray(0, partial.length))).toBe(true);
    expect(first.connected).toBe(false);

    const second = await connectPlain(s);
    const rest = await readAll(await second.openRead('/big.bin', { offset: partial.length }));
    expect(s.commands).toContain(`REST ${partial.length}`);
    expect(Buffer.concat([partial, rest]).equals(content)).toBe(true);
    await second.close();
  });

  it('times out a stalled download within the limit, aborts it, and stays usable', async () => {
    const s = await server({
      files: { '/stall.bin': Buffer.alloc(100_000, 1) },
      handlers: {
        RETR: async (session) => {
          const data = await session.dataSocket();
          session.reply('150 Opening data connection.');
          data.write(Buffer.alloc(1000, 1));
          // …and then nothing: the data connection stays open and silent.
        },
        ABOR: (session) => {
          session.reply('426 Transfer aborted.');
          session.reply('226 Abort successful.');
        },
      },
    });
    const client = await connectPlain(s, { timeouts: { dataIdleMs: 1000, replyMs: 5000 } });
    const started = Date.now();
    const error = await rejectionOf(readAll(await client.openRead('/stall.bin')));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/stalled/);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(15_000);
    await s.waitForCommand('ABOR');
    // The ABOR replies were consumed: the next command gets its own answer.
    expect(await client.size('/stall.bin')).toBe(100_000);
    expect(client.connected).toBe(true);
    await client.close();
  });

  it('times out a server that stops answering, closes the connection, and later calls fail fast', async () => {
    const s = await server({ files: { '/a': 'abc' }, handlers: { SIZE: () => {} } });
    const client = await connectPlain(s, { timeouts: { replyMs: 1000 } });
    const closed = new Promise<Error | undefined>((resolve) => client.onClose(resolve));
    const started = Date.now();
    const error = await rejectionOf(client.size('/a'));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await closed)?.message).toMatch(/did not answer within 1 s/);
    expect(client.connected).toBe(false);
    expect((await rejectionOf(client.list('/'))).code).toBe('TIMEOUT');
    await s.waitForClosedSessions(1);
  });

  it('closes the connection when the server ignores ABOR after a stall', async () => {
    const s = await server({
      files: { '/stall.bin': Buffer.alloc(10, 1) },
      handlers: {
        RETR: async (session) => {
          await session.dataSocket();
          session.reply('150 Opening data connection.');
        },
        ABOR: (session) => {
          // From now on the server is deaf: the marker PWD after ABOR gets no answer either.
          session.socket.removeAllListeners('data');
        },
      },
    });
    const client = await connectPlain(s, { timeouts: { dataIdleMs: 500, replyMs: 1000 } });
    const closed = new Promise<Error | undefined>((resolve) => client.onClose(resolve));
    const error = await rejectionOf(readAll(await client.openRead('/stall.bin')));
    expect(error.code).toBe('TIMEOUT');
    expect((await closed)?.message).toMatch(/did not answer/);
    expect(client.connected).toBe(false);
  });

  it('connects to the control address, not the address in a PASV reply', async () => {
    const s = await server({
      features: ['SIZE'],
      files: { '/a.txt': 'hello' },
      handlers: {
        EPSV: (session) => session.reply('500 EPSV not understood.'),
        PASV: async (session) => {
          const port = await session.openPassive();
          session.reply(`227 Entering Passive Mode (10,99,88,77,${Math.floor(port / 256)},${port % 256}).`);
        },
      },
    });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    expect((await readAll(await client.openRead('/a.txt'))).toString()).toBe('hello');
    expect(client.dataChannel()).toBe('PASV');
    expect(log.some((l) => /Ignoring the address 10\.99\.88\.77/.test(l.text))).toBe(true);
    // EPSV was refused once and is not asked again.
    await readAll(await client.openRead('/a.txt'));
    expect(s.commands.filter((c) => c === 'EPSV')).toHaveLength(1);
    await client.close();
  });

  it('fails when 226 follows fewer bytes than SIZE announced', async () => {
    const s = await server({
      files: { '/short.bin': Buffer.alloc(1000, 7) },
      handlers: {
        RETR: async (session) => {
          const data = await session.dataSocket();
          session.reply('150 Opening data connection.');
          await new Promise<void>((resolve) => data.end(Buffer.alloc(500, 7), () => resolve()));
          session.reply('226 Transfer complete.');
        },
      },
    });
    const client = await connectPlain(s);
    const error = await rejectionOf(readAll(await client.openRead('/short.bin')));
    expect(error.message).toMatch(/server sent fewer bytes than it announced \(500 of 1000\)/);
    expect(error.code).toBe('CONNECTION_LOST');
    expect(client.connected).toBe(true);
    await client.close();
  });

  it('fails when 226 follows fewer bytes than the 150 reply announced (no SIZE)', async () => {
    const s = await server({
      features: ['EPSV'],
      handlers: {
        RETR: async (session) => {
          const data = await session.dataSocket();
          session.reply('150 Opening BINARY mode data connection for x (2000 bytes).');
          await new Promise<void>((resolve) => data.end(Buffer.alloc(10), () => resolve()));
          session.reply('226 Transfer complete.');
        },
      },
    });
    const client = await connectPlain(s);
    const error = await rejectionOf(readAll(await client.openRead('/x')));
    expect(error.message).toMatch(/fewer bytes than it announced \(10 of 2000\)/);
    await client.close();
  });

  it('treats 426 after partial data as a failure', async () => {
    const s = await server({
      features: ['EPSV'],
      handlers: {
        RETR: async (session) => {
          const data = await session.dataSocket();
          session.reply('150 Opening data connection.');
          await new Promise<void>((resolve) => data.end(Buffer.alloc(100), () => resolve()));
          session.reply('426 Failure writing network stream.');
        },
      },
    });
    const client = await connectPlain(s);
    const error = await rejectionOf(readAll(await client.openRead('/x')));
    expect(error.code).toBe('CONNECTION_LOST');
    expect(error.detail).toBe('426 Failure writing network stream.');
    expect(client.connected).toBe(true);
    await client.close();
  });

  it('refuses to resume when REST is answered 500, without sending RETR', async () => {
    const s = await server({ files: { '/a.bin': Buffer.alloc(100) }, handlers: { REST: (session) => session.reply('500 REST not understood.') } });
    const client = await connectPlain(s);
    const error = await rejectionOf(client.openRead('/a.bin', { offset: 10 }));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/refused to resume.*from the beginning/);
    expect(s.commands.some((c) => c.startsWith('RETR'))).toBe(false);
    // The connection is still in step.
    expect(await client.size('/a.bin')).toBe(100);
    await client.close();
  });

  it('maps a missing file to NOT_FOUND with the reply as detail', async () => {
    const s = await server();
    const client = await connectPlain(s);
    const error = await rejectionOf(client.openRead('/missing.txt'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.detail).toBe('550 No such file.');
    await client.close();
  });

  it('aborts with ABOR when the reader stops early, and the connection stays usable', async () => {
    const content = randomBytes(8 * 1024 * 1024);
    const s = await server({ files: { '/big.bin': content, '/small.txt': 'ok' } });
    const client = await connectPlain(s);
    const stream = await client.openRead('/big.bin');
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    stream.destroy();
    await s.waitForCommand('ABOR');
    expect((await readAll(await client.openRead('/small.txt'))).toString()).toBe('ok');
    await client.close();
  });

  it('cancels a download through its AbortSignal', async () => {
    const s = await server({ files: { '/big.bin': randomBytes(8 * 1024 * 1024) } });
    const client = await connectPlain(s);
    const controller = new AbortController();
    const stream = await client.openRead('/big.bin', { signal: controller.signal });
    stream.once('data', () => controller.abort());
    const error = await rejectionOf(readAll(stream));
    expect(error.code).toBe('CANCELLED');
    await s.waitForCommand('ABOR');
    expect(await client.size('/big.bin')).toBe(8 * 1024 * 1024);
    await client.close();
  });
});

describe('uploads', () => {
  it('uploads, and resumes with APPE after checking the remote size', async () => {
    const s = await server();
    const client = await connectPlain(s);
    const content = randomBytes(200_000);
    await writeAll(await client.openWrite('/up.bin'), content.subarray(0, 50_000));
    await writeAll(await client.openWrite('/up.bin', { offset: 50_000 }), content.subarray(50_000));
    expect(s.commands).toContain('APPE /up.bin');
    expect(s.files.get('/up.bin')?.equals(content)).toBe(true);
    // A wrong offset is refused before anything is appended.
    const error = await rejectionOf(client.openWrite('/up.bin', { offset: 10 }));
    expect(error.code).toBe('CONFLICT');
    await client.close();
  });

  it('errors with the server reason when the server refuses mid-upload (552)', async () => {
    const s = await server({
      handlers: {
        STOR: async (session) => {
          const data = await session.dataSocket();
          session.reply('150 Ok to send data.');
          await new Promise<void>((resolve) => data.once('data', () => resolve()));
          data.destroy();
          session.reply('552 Disk quota exceeded.');
        },
      },
    });
    const client = await connectPlain(s);
    const stream = await client.openWrite('/full.bin');
    const error = await rejectionOf(
      new Promise((resolve, reject) => {
        stream.once('error', reject);
        stream.once('finish', resolve);
        const chunk = Buffer.alloc(64 * 1024);
        const pump = (): void => {
          while (!stream.destroyed && stream.write(chunk));
          if (!stream.destroyed) stream.once('drain', pump);
        };
        pump();
      }),
    );
    expect(error.code).toBe('ENOSPC');
    expect(error.detail).toBe('552 Disk quota exceeded.');
    expect(client.connected).toBe(true);
    expect(await client.size('/nothing').catch((e: { code: string }) => e.code)).toBe('NOT_FOUND');
    await client.close();
  });
});

describe('security', () => {
  it('refuses a file name with CR/LF before anything reaches the server', async () => {
    const s = await server({ files: { '/victim': 'x' } });
    const client = await connectPlain(s);
    const evil = '/a\r\nDELE /victim';
    for (const attempt of [
      () => client.removeFile(evil),
      () => client.openRead(evil),
      () => client.openWrite(evil),
      () => client.rename('/victim', evil),
      () => client.mkdir('/x\nRMD /'),
      () => client.raw('NOOP\r\nDELE /victim'),
      () => client.stat('/a\0b'),
      () => client.list('/dir\r\nDELE /victim'),
    ]) {
      const error = await rejectionOf(attempt());
      expect(error.code).toBe('INVALID_INPUT');
    }
    await client.size('/victim');
    expect(s.commands.some((c) => c.startsWith('DELE') || c.startsWith('RMD'))).toBe(false);
    const bytes = s.received().toString('latin1');
    expect(bytes).not.toMatch(/\/a\r|DELE|RMD/);
    expect(s.files.has('/victim')).toBe(true);
    await client.close();
  });

  it('refuses a 230 greeting when TLS is required, sending no credentials', async () => {
    const s = await server({ greeting: '230 Already logged in.' });
    const error = await rejectionOf(
      connectFtp({ host: s.host, port: s.port, user: 'u', password: 'pw', encryption: 'require-explicit', trustStore: new MemoryTrustStore() }),
    );
    expect(error.code).toBe('TLS_REQUIRED');
    expect(s.commands).toEqual([]);
  });

  it('refuses a server without AUTH TLS when TLS is required', async () => {
    const s = await server();
    const error = await rejectionOf(
      connectFtp({ host: s.host, port: s.port, user: 'u', password: 'pw', encryption: 'require-explicit', trustStore: new MemoryTrustStore() }),
    );
    expect(error.code).toBe('TLS_REQUIRED');
    expect(error.detail).toBe('502 No TLS here.');
    expect(s.commands).toEqual(['AUTH TLS']);
  });

  it('falls back to plain only with a warning when TLS is merely preferred', async () => {
    const s = await server();
    const warnings: string[] = [];
    const client = await connectFtp({
      host: s.host,
      port: s.port,
      user: 'u',
      password: 'pw',
      encryption: 'explicit-if-available',
      trustStore: new MemoryTrustStore(),
      onWarning: (message) => warnings.push(message),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/UNENCRYPTED/);
    expect(client.security()).toEqual({ encrypted: false, downgraded: true });
    await client.close();
  });

  it('drops replies injected before the TLS handshake (STARTTLS injection)', async () => {
    const certificate = await makeSelfSignedCertificate();
    const s = await server({
      certificate,
      handlers: {
        AUTH: async (session) => {
          // A forged "230" right behind the 234, in the same segment, in plain text.
          await session.write('234 Go ahead.\r\n230 Injected: logged in.\r\n');
          await session.startTls();
        },
      },
    });
    const log: LogLine[] = [];
    const client = await connectFtp({
      host: s.host,
      port: s.port,
      user: 'u',
      password: 'pw',
      encryption: 'require-explicit',
      trustStore: new MemoryTrustStore(),
      decideCertificate: async () => 'trust-once',
      onLog: (line) => log.push(line),
    });
    // USER and PASS were still sent and answered inside TLS; the injected 230 was not taken as an answer.
    expect(s.commands.slice(0, 3)).toEqual(['AUTH TLS', 'USER u', 'PASS pw']);
    expect(log.some((l) => l.level === 'warning' && /Dropped \d+ bytes .* before the TLS handshake/.test(l.text))).toBe(true);
    expect(client.security().encrypted).toBe(true);
    await client.close();
  });

  it('masks the password in every log line and error', async () => {
    const s = await server({ credentials: { user: 'tester', password: 'right-pw' } });
    const log: LogLine[] = [];
    const error = await rejectionOf(connectPlain(s, { password: 'Wrong-Secret-42' }, log));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toBe('The server refused the login: 530 Login incorrect.');
    const everything = JSON.stringify([log, error.message, error.detail]);
    expect(everything).not.toContain('Wrong-Secret-42');
    expect(log.some((l) => l.level === 'command' && l.text === 'PASS ****')).toBe(true);
    // The server did get the real password.
    expect(s.commands).toContain('PASS Wrong-Secret-42');
  });

  it('logs in anonymously when no user is given', async () => {
    const s = await server();
    const client = await connectFtp({ host: s.host, port: s.port, encryption: 'plain', trustStore: new MemoryTrustStore() });
    expect(s.commands.slice(0, 2)).toEqual(['USER anonymous', 'PASS anonymous@']);
    await client.close();
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

describe('data connections and charsets', () => {
  it('falls back to active mode when the server refuses EPSV and PASV (default mode only)', async () => {
    const refuse = { EPSV: (x: { reply(l: string): void }) => x.reply('500 No.'), PASV: (x: { reply(l: string): void }) => x.reply('500 No.') };
    const s = await server({ files: { '/a.txt': 'active!' }, handlers: refuse });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    expect((await readAll(await client.openRead('/a.txt'))).toString()).toBe('active!');
    expect(client.dataChannel()).toBe('EPRT');
    expect(log.some((l) => l.level === 'warning' && /switching to active mode/.test(l.text))).toBe(true);
    await client.close();

    const strict = await connectPlain(s, { dataMode: 'passive' });
    const error = await rejectionOf(strict.openRead('/a.txt'));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/refused passive mode/);
    await strict.close();
  });

  it('uses LIST -a for hidden entries and plain LIST once the server refuses it', async () => {
    const s = await server({
      features: ['EPSV'],
      files: { '/x.txt': 'x' },
      handlers: { LIST: (session, argument) => (argument === '-a' ? session.reply('501 Bad option.') : session.standard('LIST', argument)) },
    });
    const client = await connectPlain(s);
    expect((await client.list('/', { hidden: true })).map((e) => e.name)).toEqual(['x.txt']);
    expect((await client.list('/', { hidden: true })).map((e) => e.name)).toEqual(['x.txt']);
    expect(s.commands.filter((c) => c.startsWith('LIST'))).toEqual(['LIST -a', 'LIST', 'LIST']);
    await client.close();
  });

  it('sends and reads names in the site charset (windows-1252)', async () => {
    const s = await server({
      features: ['EPSV'],
      handlers: {
        LIST: async (session) => {
          const data = await session.dataSocket();
          session.reply('150 Here it comes.');
          await new Promise<void>((resolve) =>
            data.end(Buffer.concat([Buffer.from('-rw-r--r--    1 1000     1000            4 Jan 02  2024 caf'), Buffer.from([0xe9]), Buffer.from('.txt\r\n')]), () => resolve()),
          );
          session.reply('226 Done.');
        },
      },
    });
    const log: LogLine[] = [];
    const client = await connectPlain(s, { charset: 'windows-1252' }, log);
    expect(s.commands).not.toContain('OPTS UTF8 ON');
    expect((await client.list('/')).map((e) => e.name)).toEqual(['café.txt']);
    await rejectionOf(client.removeFile('/café.txt'));
    expect(s.received().includes(Buffer.concat([Buffer.from('DELE /caf'), Buffer.from([0xe9]), Buffer.from('.txt\r\n')]))).toBe(true);
    await client.close();

    // Read as UTF-8, the same bytes are invalid: the log says to set the charset.
    const utf8Log: LogLine[] = [];
    const utf8 = await connectPlain(s, {}, utf8Log);
    await utf8.list('/');
    expect(utf8Log.some((l) => l.level === 'warning' && /not valid utf-8/.test(l.text))).toBe(true);
    await utf8.close();
  });

  it('logs listing lines it cannot read and names it refuses, escaped', async () => {
    const s = await server({
      features: ['EPSV', 'MLST type*;size*;modify*;'],
      handlers: {
        MLSD: async (session) => {
          const data = await session.dataSocket();
          session.reply('150 Here it comes.');
          const body = 'type=file;size=1; good.txt\r\nthis is not an MLSD line\r\ntype=file;size=1; bad\u001bname\r\ntype=dir; ..\r\n';
          await new Promise<void>((resolve) => data.end(body, () => resolve()));
          session.reply('226 Done.');
        },
      },
    });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    expect((await client.list('/')).map((e) => e.name)).toEqual(['good.txt']);
    const warnings = log.filter((l) => l.level === 'warning').map((l) => l.text);
    expect(warnings.some((w) => w.includes('this is not an MLSD line'))).toBe(true);
    expect(warnings.some((w) => w.includes('bad\\x1Bname') || w.includes('bad\\x1bname'))).toBe(true);
    expect(warnings.join('\n')).not.toContain('\u001b');
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
    servers.splice(servers.indexOf(s), 1);
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

