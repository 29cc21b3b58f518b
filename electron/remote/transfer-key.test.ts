import { describe, expect, it } from 'vitest';
import { parseTransferKey, quickSpecFromKey, transferKeyOf } from './transfer-key';
import type { ConnectionSpec } from './connection-spec';

const spec: ConnectionSpec = {
  protocol: 'ftp',
  host: '::1',
  port: 2121,
  user: 'web@shop',
  password: 'secret',
  encryption: 'require-explicit',
  dataMode: 'default',
  label: 'x',
};

describe('transfer keys', () => {
  it('name a quick connection by address, never by password, and read back', () => {
    const key = transferKeyOf(spec);
    expect(key).not.toContain('secret');
    expect(parseTransferKey(key)).toEqual({ kind: 'quick', protocol: 'ftp', encryption: 'require-explicit', user: 'web@shop', host: '::1', port: 2121 });
  });
  it('name a saved site by id', () => {
    expect(transferKeyOf({ ...spec, siteId: 'abc' })).toBe('site:abc');
    expect(parseTransferKey('site:abc')).toEqual({ kind: 'site', siteId: 'abc' });
  });
  it('refuse anything else', () => {
    for (const bad of ['', 'site:', 'quick:http:plain:a@b:1', 'quick:ftp:plain:a@b:', 'session:1']) expect(() => parseTransferKey(bad)).toThrow();
  });
  it('ask for the password of a quick connection that no open session can lend', () => {
    const key = parseTransferKey(transferKeyOf(spec));
    if (key.kind !== 'quick') throw new Error('expected a quick key');
    expect(quickSpecFromKey(key)).toMatchObject({ askPassword: true, user: 'web@shop', host: '::1', port: 2121 });
    expect(quickSpecFromKey({ ...key, user: '' }).askPassword).toBe(false);
  });
});
