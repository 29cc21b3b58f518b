/** The remote pane's file operations through the API, against a real vsftpd. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type FerryApi } from '../../../shared/rpc/api';
import { connectInMemory } from '../../hosts/memory';
import { startCore } from '../../../testkit/api/clients';
import { giveToTestUser, startVsftpd, type FtpServerHandle } from '../../../testkit/servers';

describe('remote file operations', () => {
  let server: FtpServerHandle;
  let api: FerryApi;
  let sessionId: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    server = await startVsftpd();
    await writeFile(path.join(server.root, 'a.txt'), 'A');
    await writeFile(path.join(server.root, 'b.txt'), 'B');
    await mkdir(path.join(server.root, 'folder'));
    await giveToTestUser(server.root);
    const started = await startCore();
    stop = started.stop;
    api = createApi(connectInMemory(started.core));
    const session = await api.call('remote.connect', {
      target: { quick: { protocol: 'ftp', encryption: 'plain', host: '127.0.0.1', port: server.port, user: server.user, password: server.password } },
    });
    sessionId = session.id;
  });
  afterAll(async () => {
    await stop();
    await server.stop();
  });

  it('refuses to rename over an existing file (FTP would replace it)', async () => {
    await expect(api.call('remote.rename', { sessionId, from: '/a.txt', to: '/b.txt' })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path.join(server.root, 'b.txt'), 'utf8')).toBe('B');
    await api.call('remote.rename', { sessionId, from: '/a.txt', to: '/c.txt' });
    expect(await readFile(path.join(server.root, 'c.txt'), 'utf8')).toBe('A');
  });

  it('says when a folder to create already exists', async () => {
    await expect(api.call('remote.mkdir', { sessionId, path: '/folder' })).rejects.toMatchObject({ code: 'EEXIST' });
    await api.call('remote.mkdir', { sessionId, path: '/new' });
    expect((await api.call('remote.list', { sessionId, path: '/' })).entries.map((e) => e.name)).toContain('new');
  });

  it('reports a lost session and reconnects on the next action', async () => {
    const listed = await api.call('remote.list', { sessionId, path: '/folder' });
    expect(listed.segments.map((s) => s.name)).toEqual(['/', 'folder']);

    const states: string[] = [];
    api.on('remote.session', (info) => {
      if (info.id === sessionId) states.push(info.state);
    });
    const port = server.port;
    await server.stop();
    await expect.poll(() => states.includes('lost'), { timeout: 15_000 }).toBe(true);
    expect((await api.call('remote.sessions', {})).find((s) => s.id === sessionId)?.state).toBe('lost');

    server = await startVsftpd({ port });
    await writeFile(path.join(server.root, 'after-restart.txt'), 'again');
    const again = await api.call('remote.list', { sessionId, path: '/' });
    expect(again.entries.map((e) => e.name)).toContain('after-restart.txt');
    expect(states.at(-1)).toBe('connected');
  });
});
