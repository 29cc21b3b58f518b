/**
 * Ferry's FTP engine against the scripted fault server:
 * downloads and uploads that break: dropped, stalled, short, refused, cancelled.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract/app';
import { connectPlain, readAll, rejectionOf, writeAll } from './client-helpers';
import { useFaultServers } from './fault-setup';

const { server } = useFaultServers();

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
