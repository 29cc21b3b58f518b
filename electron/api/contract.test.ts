/**
 * One contract suite, run over every transport: what a renderer sees must not
 * depend on how it is connected.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type FerryApi } from '../../shared/rpc/api';
import { FerryError } from '../../shared/errors';
import { connectMemoryClient, connectWebSocketClient, type TestConnection } from '../../testkit/api/clients';

const transports: [string, () => Promise<TestConnection>][] = [
  ['in-memory', connectMemoryClient],
  ['WebSocket', () => connectWebSocketClient(os.tmpdir())],
];

describe.each(transports)('the contract over the %s transport', (_name, connect) => {
  let connection: TestConnection;
  let api: FerryApi;
  let folder: string;

  beforeAll(async () => {
    connection = await connect();
    api = createApi(connection.transport);
    folder = await mkdtemp(path.join(os.tmpdir(), 'ferry-contract-'));
    await mkdir(path.join(folder, 'docs'));
    await writeFile(path.join(folder, 'notes.txt'), 'hello');
    await writeFile(path.join(folder, '.hidden'), '');
    await symlink(path.join(folder, 'docs'), path.join(folder, 'docs-link'));
  });
  afterAll(async () => {
    await connection.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('answers app.info with the transport that carried it', async () => {
    const info = await api.call('app.info', {});
    expect(info.name).toBe('Ferry');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.transport).toBe(connection.name);
  });

  it('lists a local folder with kinds, sizes, permissions and hidden flags', async () => {
    const listing = await api.call('local.list', { path: folder });
    const byName = Object.fromEntries(listing.entries.map((e) => [e.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['.hidden', 'docs', 'docs-link', 'notes.txt']);
    expect(byName['docs']).toMatchObject({ kind: 'dir', hidden: false });
    expect(byName['notes.txt']).toMatchObject({ kind: 'file', size: 5, path: path.join(folder, 'notes.txt') });
    expect(byName['notes.txt']!.permissions).toMatch(/^[r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]$/);
    expect(byName['.hidden']!.hidden).toBe(true);
    expect(byName['docs-link']).toMatchObject({ kind: 'link', targetKind: 'dir', linkTarget: path.join(folder, 'docs') });
    expect(listing.parent).toBe(path.dirname(folder));
    expect(listing.segments.at(-1)).toEqual({ name: path.basename(folder), path: folder });
    expect(listing.segments[0]!.path).toBe(path.parse(folder).root);
  });

  it('gives the home folder, joins names and finds parents', async () => {
    expect((await api.call('local.home', {})).path).toBe(os.homedir());
    expect((await api.call('local.join', { base: folder, name: 'docs' })).path).toBe(path.join(folder, 'docs'));
    expect((await api.call('local.parent', { path: '/' })).path).toBeNull();
  });

  it('refuses a join that would climb out of the folder', async () => {
    await expect(api.call('local.join', { base: folder, name: '..' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api.call('local.join', { base: folder, name: 'a/../../etc' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('maps a missing folder to ENOENT with a sentence, not a stack', async () => {
    const error = await api.call('local.list', { path: path.join(folder, 'nope') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FerryError);
    expect(error).toMatchObject({ code: 'ENOENT' });
    expect((error as FerryError).message).toContain('No such file or folder');
    expect((error as FerryError).message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('maps listing a file to ENOTDIR', async () => {
    await expect(api.call('local.list', { path: path.join(folder, 'notes.txt') })).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('rejects input that does not match the schema before any service sees it', async () => {
    const raw = connection.transport;
    for (const input of [undefined, null, 42, { path: '' }, { path: 5 }, { path: '/tmp', extra: true }, { path: 'a\0b' }]) {
      const result = await raw.invoke('local.list', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    }
  });

  it('rejects unknown methods, including prototype names', async () => {
    for (const method of ['local.delete', '__proto__', 'constructor', 'toString', '']) {
      const result = await connection.transport.invoke(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('delivers events to subscribers', async () => {
    const received = new Promise((resolve) => api.on('app.log', resolve));
    connection.core.events.emit('app.log', { time: 1, level: 'status', source: 'test', text: 'hello' });
    await expect(received).resolves.toEqual({ time: 1, level: 'status', source: 'test', text: 'hello' });
  });
});

describe('the WebSocket transport with a garbage-sending client', () => {
  it('survives malformed frames and still answers good calls', async () => {
    const connection = await connectWebSocketClient(os.tmpdir());
    try {
      const { openSocket, socketOpened } = await import('../../testkit/api/clients');
      const socket = openSocket(connection.server);
      await socketOpened(socket);
      const answers: unknown[] = [];
      socket.on('message', (data) => answers.push(JSON.parse(data.toString())));
      socket.send('not json');
      socket.send('{"t":"call"}');
      socket.send('[1,2,3]');
      socket.send(JSON.stringify({ t: 'hello', id: 7 }));
      socket.send(JSON.stringify({ t: 'call', id: 8, method: 'app.info', input: {} }));
      await expect.poll(() => answers.length).toBe(2);
      expect(answers[0]).toMatchObject({ t: 'result', id: 7, ok: false, error: { code: 'INVALID_INPUT' } });
      expect(answers[1]).toMatchObject({ t: 'result', id: 8, ok: true });
      socket.close();
    } finally {
      await connection.close();
    }
  });
});
