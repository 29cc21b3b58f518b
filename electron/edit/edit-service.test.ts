/**
 * Editing a remote file end to end through the API: download to a private
 * folder, notice a local save, upload it through the queue, clean up.
 */
import { access, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditedFile } from '../../shared/contract/edit';
import { createApi, type FerryApi } from '../../shared/rpc/api';
import { connectInMemory } from '../hosts/memory';
import { startCore } from '../../testkit/api/clients';
import { giveToTestUser, startVsftpd, type FtpServerHandle } from '../../testkit/servers';

describe('edit a remote file', () => {
  let server: FtpServerHandle;
  let api: FerryApi;
  let stop: () => Promise<void>;
  const opened: string[] = [];

  beforeAll(async () => {
    server = await startVsftpd();
    await writeFile(path.join(server.root, 'index.html'), '<h1>old</h1>\n');
    await giveToTestUser(server.root);
    const started = await startCore({
      openFile: async (file) => {
        opened.push(file);
        return false; // As on a headless machine: the UI then shows the local path.
      },
    });
    stop = started.stop;
    api = createApi(connectInMemory(started.core));
  });
  afterAll(async () => {
    await stop();
    await server.stop();
  });

  it('downloads, watches, uploads a save and removes its copy when closed', async () => {
    const session = await api.call('remote.connect', {
      target: { quick: { protocol: 'ftp', encryption: 'plain', host: '127.0.0.1', port: server.port, user: server.user, password: server.password } },
    });
    const file = await api.call('edit.open', { sessionId: session.id, path: '/index.html' });
    expect(file).toMatchObject({ name: 'index.html', changed: false, openedWith: 'none', remotePath: '/index.html' });
    expect(opened.at(-1)).toBe(file.localPath);
    expect(await readFile(file.localPath, 'utf8')).toBe('<h1>old</h1>\n');
    expect((await stat(file.localPath)).mode & 0o777).toBe(0o600);

    const changed = new Promise<EditedFile>((resolve) =>
      api.on('edit.changed', ({ file: f }) => {
        if (f.id === file.id && f.changed) resolve(f);
      }),
    );
    // An editor that saves by writing a new file and renaming it over the old one.
    await writeFile(`${file.localPath}.swp`, '<h1>new</h1>\n');
    const { rename } = await import('node:fs/promises');
    await rename(`${file.localPath}.swp`, file.localPath);
    expect((await changed).changedAt).not.toBeNull();

    const uploaded = await api.call('edit.upload', { id: file.id });
    expect(uploaded.changed).toBe(false);
    expect(await readFile(path.join(server.root, 'index.html'), 'utf8')).toBe('<h1>new</h1>\n');
    expect(await api.call('edit.list', {})).toHaveLength(1);

    await api.call('edit.close', { id: file.id });
    expect(await api.call('edit.list', {})).toEqual([]);
    await expect(access(path.dirname(file.localPath))).rejects.toThrow();
  });

  it('refuses to edit through a closed connection', async () => {
    await expect(api.call('edit.open', { sessionId: 'gone', path: '/index.html' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
