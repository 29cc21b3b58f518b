/**
 * The site manager over the router, as a renderer reaches it: input checked
 * against the contract, and no way to read a secret back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { MethodName } from '../../shared/contract';
import { sitesMethods } from '../../shared/contract/sites';
import { siteHandlers } from '../api/handlers/sites';
import { createRouter } from '../api/router';
import type { CallContext, HandlerTable } from '../api/types';
import { openSiteServices } from './site-services';
import { fakeKeyring } from './test-support/fake-keyring';
import { folderMentions, makeTempFolder, removeTempFolders } from './test-support/temp-folders';

afterAll(removeTempFolders);

const PASSWORD = 'Tr0ub4dor&3-secret';
const MASTER = 'master-of-secrets';
const context: CallContext = { transport: 'memory' };

async function setUp() {
  const dir = await makeTempFolder();
  const events: Array<[string, unknown]> = [];
  const services = await openSiteServices({
    dataDir: dir,
    keyring: fakeKeyring(),
    platform: 'linux',
    exportDir: dir,
    emit: (name, payload) => events.push([name, payload]),
  });
  // Only the site manager's methods are registered here; the others belong to other services.
  const router = createRouter(siteHandlers(services) as HandlerTable<MethodName>);
  const call = async (method: string, input: unknown) => {
    const result = await router.call(method, input, context);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as Record<string, unknown>;
  };
  const raw = (method: string, input: unknown) => router.call(method, input, context);
  return { dir, services, call, raw, events };
}

describe('site manager API', () => {
  it('never returns a password or passphrase from any method', async () => {
    const { dir, call } = await setUp();
    const folder = await call('sites.createFolder', { parentId: null, name: 'F' });
    const created = await call('sites.create', { parentId: folder.id, name: 'S', fields: { host: 'h', user: 'u' }, password: PASSWORD });
    const id = (created.site as { id: string }).id;
    await call('sites.create', { parentId: null, name: 'K', fields: { protocol: 'sftp', host: 'k', logonType: 'key', keyFile: '/k' }, keyPassphrase: PASSWORD });
    const outputs: unknown[] = [created];
    outputs.push(await call('sites.update', { id, fields: { comments: 'c' }, password: { action: 'set', value: PASSWORD } }));
    outputs.push(await call('sites.get', { id }));
    outputs.push(await call('sites.tree', {}));
    outputs.push(await call('sites.duplicate', { id }));
    outputs.push(await call('sites.export', { format: 'ferry', includePasswords: true }));
    outputs.push(await call('sites.export', { format: 'filezilla', includePasswords: true }));
    outputs.push(await call('sites.export', { format: 'ferry' }));
    outputs.push(await call('sites.problems', {}));
    outputs.push(await call('secrets.status', {}));
    outputs.push(await call('secrets.setMasterPassword', { next: MASTER }));
    outputs.push(await call('secrets.lock', {}));
    outputs.push(await call('secrets.unlock', { password: MASTER }));
    outputs.push(await call('settings.get', {}));
    outputs.push(await call('trust.list', {}));
    outputs.push(await call('sites.recent', {}));
    const text = JSON.stringify(outputs);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(text).not.toContain(MASTER);
    expect(outputs[1]).toMatchObject({ site: { hasPassword: true } });
    // The files Ferry keeps (not the exports the user asked for) never hold the password either.
    const hits = await folderMentions(dir, PASSWORD);
    expect(hits.every((file) => /-with-passwords-/.test(file))).toBe(true);
    expect(hits.length).toBe(2);
  });

  it('rejects attempts to ask for secrets', async () => {
    const { call, raw } = await setUp();
    const created = await call('sites.create', { parentId: null, name: 'S', fields: { host: 'h' }, password: PASSWORD });
    const id = (created.site as { id: string }).id;
    for (const [method, input] of [
      ['sites.get', { id, includePassword: true }],
      ['sites.tree', { withSecrets: true }],
      ['sites.export', { format: 'ferry', includePasswords: true, inline: true }],
      ['secrets.status', { reveal: id }],
    ] as const) {
      expect(await raw(method, input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    for (const method of ['secrets.get', 'sites.password', 'secrets.export']) {
      expect(await raw(method, { id })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('has no output schema with a field that could carry a secret', () => {
    const secretish = /pass(word|phrase)?$|secret|^key$|plain/i;
    const found: string[] = [];
    const visit = (schema: unknown, where: string) => {
      if (typeof schema !== 'object' || schema === null) return;
      for (const [key, value] of Object.entries(schema)) {
        if (key === 'properties' && typeof value === 'object' && value !== null) {
          for (const property of Object.keys(value)) if (secretish.test(property) && !/^has/.test(property)) found.push(`${where}.${property}`);
        }
        visit(value, where);
      }
    };
    for (const [method, spec] of Object.entries(sitesMethods)) visit(z.toJSONSchema(spec.output, { unrepresentable: 'any' }), method);
    expect(found).toEqual([]);
  });

  it('validates input and answers with errors a user understands', async () => {
    const { raw, call } = await setUp();
    expect(await raw('sites.create', { parentId: null, name: '', fields: {} })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await raw('sites.create', { parentId: null, name: 'x', fields: { port: 0 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await raw('sites.get', { id: '../../etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await raw('sites.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await raw('sites.import', { content: 'hello' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('neither') } });
    expect(await raw('secrets.unlock', { password: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await call('secrets.setMasterPassword', { next: MASTER });
    expect(await raw('secrets.unlock', { password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: 'The master password is not correct.' } });
    expect(await raw('secrets.setMasterPassword', { next: null })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await raw('trust.remove', { kind: 'host-key', host: 'h', port: 99999 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('imports file content from the renderer and pushes change events', async () => {
    const { call, events } = await setUp();
    const xml = `<?xml version="1.0" encoding="UTF-8"?><FileZilla3><Servers><Server><Host>h</Host><Protocol>4</Protocol><Logontype>1</Logontype><User>u</User><Pass encoding="base64">${Buffer.from(PASSWORD).toString('base64')}</Pass><Name>Imported</Name></Server></Servers></FileZilla3>`;
    expect(await call('sites.import', { content: xml })).toEqual({ folders: 0, sites: 1, passwords: 1, notes: [] });
    expect(events.some(([name]) => name === 'sites.changed')).toBe(true);
    const tree = (await call('sites.tree', {})) as { children: Array<{ name: string; hasPassword: boolean }> };
    expect(tree.children).toEqual([expect.objectContaining({ name: 'Imported', hasPassword: true })]);

    await call('settings.update', { theme: 'dark' });
    expect(events).toContainEqual(['settings.changed', expect.objectContaining({ theme: 'dark' })]);
    await call('secrets.setMasterPassword', { next: MASTER });
    expect(events).toContainEqual(['secrets.changed', expect.objectContaining({ mode: 'master-password', locked: false })]);
  });

  it('lists and removes trusted certificates and host keys', async () => {
    const { call, services } = await setUp();
    await services.trust.pin('host-key', 'sftp.example', 22, 'SHA256:xyz', { keyType: 'ssh-ed25519' });
    expect(await call('trust.list', {})).toEqual([expect.objectContaining({ host: 'sftp.example', keyType: 'ssh-ed25519' })]);
    expect(await call('trust.remove', { kind: 'host-key', host: 'sftp.example', port: 22 })).toEqual({ removed: 1 });
    expect(await call('trust.list', {})).toEqual([]);
  });
});
