/**
 * Ferry's FTP engine against the scripted fault server:
 * data connections and charsets: passive/active fallback, LIST -a, site charsets, listing problems.
 */
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract/app';
import { connectPlain, readAll, rejectionOf } from './client-helpers';
import { useFaultServers } from './fault-setup';

const { server } = useFaultServers();

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
