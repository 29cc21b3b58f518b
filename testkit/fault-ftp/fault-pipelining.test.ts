/**
 * Ferry's FTP engine against the scripted fault server: once a passive command has
 * worked on a connection, later transfers send it together with the transfer command
 * (one write, one round trip less). These tests pin that, and that every way it can
 * go wrong leaves the connection in step or closed, never answering the wrong command.
 */
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract/app';
import { connectPlain, readAll, rejectionOf, writeAll } from './client-helpers';
import { useFaultServers } from './fault-setup';
import type { FaultSession } from './server';

const { server } = useFaultServers();

/** The log's commands and replies in order, as short strings ("> EPSV", "< 229"). */
function conversation(log: LogLine[]): string[] {
  return log
    .filter((line) => line.level === 'command' || line.level === 'response')
    .map((line) => (line.level === 'command' ? `> ${line.text}` : `< ${line.text.slice(0, 3)}`));
}

/** The part of `lines` from the first line matching `first` on. */
function from(lines: string[], first: string): string[] {
  return lines.slice(lines.indexOf(first));
}

describe('pipelined passive commands', () => {
  it('the first transfer waits for the EPSV reply; later ones send EPSV and RETR in one go, byte for byte', async () => {
    const s = await server({ files: { '/a.txt': 'first file', '/b.txt': 'second file' } });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    expect((await readAll(await client.openRead('/a.txt', { listedSize: 10 }))).toString()).toBe('first file');
    expect((await readAll(await client.openRead('/b.txt', { listedSize: 11 }))).toString()).toBe('second file');
    const lines = conversation(log);
    expect(from(lines, '> RETR /a.txt').slice(0, 1)).toEqual(['> RETR /a.txt']);
    expect(lines.indexOf('< 229')).toBeLessThan(lines.indexOf('> RETR /a.txt'));
    // The second: both commands went out before the server answered either.
    const second = lines.slice(lines.indexOf('> RETR /a.txt') + 1);
    expect(from(second, '> EPSV').slice(0, 4)).toEqual(['> EPSV', '> RETR /b.txt', '< 229', '< 150']);
    await client.close();
  });

  it('uploads pipeline STOR the same way', async () => {
    const s = await server({ files: { '/a.txt': 'x' } });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    await readAll(await client.openRead('/a.txt', { listedSize: 1 }));
    await writeAll(await client.openWrite('/up.txt'), Buffer.from('uploaded'));
    const lines = conversation(log);
    expect(from(lines.slice(lines.indexOf('> RETR /a.txt')), '> EPSV').slice(0, 4)).toEqual(['> EPSV', '> STOR /up.txt', '< 229', '< 150']);
    expect(s.files.get('/up.txt')?.toString()).toBe('uploaded');
    await client.close();
  });

  it('a refused pipelined EPSV fails that transfer with the reason, and the connection stays in step', async () => {
    let passives = 0;
    let passiveOpen = false;
    const s = await server({
      files: { '/a.txt': 'aaa', '/b.txt': 'bbb', '/c.txt': 'ccc' },
      handlers: {
        EPSV: async (session: FaultSession) => {
          passives += 1;
          if (passives === 2) {
            passiveOpen = false;
            return session.reply('425 Cannot open passive connection.');
          }
          passiveOpen = true;
          return session.standard('EPSV', '');
        },
        // Like vsftpd: a transfer command without a passive connection is refused at once.
        RETR: async (session: FaultSession, argument: string) => {
          if (!passiveOpen) return session.reply('425 Use PORT or PASV first.');
          passiveOpen = false;
          return session.standard('RETR', argument);
        },
      },
    });
    const client = await connectPlain(s);
    expect((await readAll(await client.openRead('/a.txt', { listedSize: 3 }))).toString()).toBe('aaa');
    const error = await rejectionOf(client.openRead('/b.txt', { listedSize: 3 }));
    expect(error.message).toMatch(/Cannot open passive connection/);
    // The refused RETR's 425 and the settling replies were read: the next transfer gets its own answers.
    expect((await readAll(await client.openRead('/c.txt', { listedSize: 3 }))).toString()).toBe('ccc');
    expect(client.connected).toBe(true);
    await client.close();
  });

  it('a file the server refuses after a pipelined EPSV is NOT_FOUND, and the connection stays usable', async () => {
    const s = await server({ files: { '/a.txt': 'aaa', '/c.txt': 'ccc' } });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    await readAll(await client.openRead('/a.txt', { listedSize: 3 }));
    const error = await rejectionOf(client.openRead('/gone.txt', { listedSize: 3 }));
    expect(error.code).toBe('NOT_FOUND');
    expect(from(conversation(log), '> RETR /gone.txt').slice(0, 3)).toEqual(['> RETR /gone.txt', '< 229', '< 550']);
    expect((await readAll(await client.openRead('/c.txt', { listedSize: 3 }))).toString()).toBe('ccc');
    expect(client.connected).toBe(true);
    await client.close();
  });

  it('a resume is not pipelined: RETR goes out only after REST was accepted', async () => {
    const s = await server({ files: { '/a.txt': 'aaa', '/b.txt': '0123456789' } });
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    await readAll(await client.openRead('/a.txt', { listedSize: 3 }));
    expect((await readAll(await client.openRead('/b.txt', { offset: 4 }))).toString()).toBe('456789');
    const lines = from(conversation(log), '> REST 4');
    expect(lines.slice(0, 3)).toEqual(['> REST 4', '< 350', '> RETR /b.txt']);
    await client.close();
  });

  it('a server that loses a command sent together with EPSV gets one command at a time after the first timeout', async () => {
    // Like a server (or router) that reads one command per packet: what came with EPSV is lost.
    let lostOne = false;
    const s = await server({
      files: { '/a.txt': 'aaa', '/b.txt': 'bbb', '/c.txt': 'ccc' },
      handlers: {
        RETR: async (session: FaultSession, argument: string) => {
          if (argument === '/b.txt' && !lostOne) {
            lostOne = true;
            return; // Never answered.
          }
          return session.standard('RETR', argument);
        },
      },
    });
    const log: LogLine[] = [];
    const first = await connectPlain(s, { timeouts: { replyMs: 500 } }, log);
    expect((await readAll(await first.openRead('/a.txt', { listedSize: 3 }))).toString()).toBe('aaa');
    const error = await rejectionOf(first.openRead('/b.txt', { listedSize: 3 }));
    expect(error.code).toBe('TIMEOUT');
    expect(log.some((line) => /one command at a time/.test(line.text))).toBe(true);
    // A new connection to the same server: its transfers wait for each reply, and work.
    const logAfter: LogLine[] = [];
    const second = await connectPlain(s, {}, logAfter);
    expect((await readAll(await second.openRead('/b.txt', { listedSize: 3 }))).toString()).toBe('bbb');
    expect((await readAll(await second.openRead('/c.txt', { listedSize: 3 }))).toString()).toBe('ccc');
    const lines = conversation(logAfter);
    const lastRetr = lines.lastIndexOf('> RETR /c.txt');
    expect(lines.slice(lastRetr - 2, lastRetr)).toEqual(['> EPSV', '< 229']);
    await first.close().catch(() => undefined);
    await second.close();
  });

  it('an upload asks SIZE together with its end, and the transfer layer gets the size without another round trip', async () => {
    const s = await server({});
    const log: LogLine[] = [];
    const client = await connectPlain(s, {}, log);
    const writable = await client.openWrite('/up.bin');
    await writeAll(writable, Buffer.alloc(5000, 7));
    expect(writable.sizeOnServer).toBe(5000);
    const lines = conversation(log);
    expect(from(lines, '> SIZE /up.bin').slice(0, 3)).toEqual(['> SIZE /up.bin', '< 226', '< 213']);
    await client.close();
  });

  it("an upload the server refuses at its end fails with the server's reason, and the SIZE answer after it is not taken for the next reply", async () => {
    const s = await server({
      files: { '/a.txt': 'aaa' },
      handlers: {
        STOR: async (session: FaultSession) => {
          const data = await session.dataSocket();
          session.reply('150 Ok to send data.');
          data.resume(); // Takes every byte, keeps none.
          await new Promise<void>((resolve) => data.once('close', () => resolve()));
          session.reply('552 Disk full.');
        },
      },
    });
    const client = await connectPlain(s);
    const writable = await client.openWrite('/full.bin');
    const error = await rejectionOf(writeAll(writable, Buffer.alloc(5000, 1)));
    expect(error.message).toMatch(/Disk full/);
    expect(s.commands).toContain('SIZE /full.bin');
    // In step: the next download gets its own replies.
    expect((await readAll(await client.openRead('/a.txt', { listedSize: 3 }))).toString()).toBe('aaa');
    expect(client.connected).toBe(true);
    await client.close();
  });

  it('a server without SIZE is not asked it after an upload', async () => {
    const s = await server({ features: ['UTF8', 'EPSV'] });
    const client = await connectPlain(s);
    const writable = await client.openWrite('/up.bin');
    await writeAll(writable, Buffer.from('data'));
    expect(writable.sizeOnServer).toBeUndefined();
    expect(s.commands.some((line) => line.startsWith('SIZE'))).toBe(false);
    await client.close();
  });
});
