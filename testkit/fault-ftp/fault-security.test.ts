/**
 * Ferry's FTP engine against the scripted fault server:
 * attacks and encryption policy: injected commands and replies, TLS required, masked secrets.
 */
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract/app';
import { MemoryTrustStore } from '../../electron/protocol/trust-store';
import { connectFtp } from '../../electron/protocol/ftp';
import { makeSelfSignedCertificate } from '../servers';
import { connectPlain, rejectionOf } from './client-helpers';
import { useFaultServers } from './fault-setup';

const { server } = useFaultServers();

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
