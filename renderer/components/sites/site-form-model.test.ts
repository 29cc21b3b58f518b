import { describe, expect, it } from 'vitest';
import type { Site } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import {
  applicableFields,
  defaultPort,
  fieldOfRequestPath,
  formatTimeOffset,
  formFromSite,
  isFormDirty,
  parseTimeOffset,
  siteSaveErrors,
  updateFromForm,
  validateSiteForm,
  withProtocol,
  type SiteForm,
} from './site-form-model';

const site: Site = {
  kind: 'site',
  id: 'site-1',
  name: 'Example',
  parentId: null,
  path: 'Example',
  protocol: 'ftp',
  encryption: 'require-explicit',
  host: 'ftp.example.com',
  port: null,
  effectivePort: 21,
  logonType: 'normal',
  user: 'alice',
  account: '',
  keyFile: '',
  localFolder: '/home/alice',
  remoteFolder: '/www',
  transferMode: 'default',
  connectionLimit: 0,
  charset: 'auto',
  timeOffsetMinutes: 90,
  colour: 'blue',
  comments: 'notes',
  bookmarks: [{ name: 'Logs', localFolder: '', remoteFolder: '/var/log' }],
  syncBrowsing: false,
  uploadToTemporaryName: true,
  hasPassword: true,
  hasKeyPassphrase: false,
  passwordNotice: null,
};

const form = (patch: Partial<SiteForm> = {}): SiteForm => ({ ...formFromSite(site), ...patch });

describe('site ↔ form', () => {
  it('round-trips every field of a site', () => {
    const { fields, password, keyPassphrase } = updateFromForm(formFromSite(site));
    const { kind, id, name, parentId, path, effectivePort, hasPassword, hasKeyPassphrase, passwordNotice, ...expected } = site;
    expect(fields).toEqual(expected);
    // The saved password is kept: the form never holds it and sends no change.
    expect(password).toBeUndefined();
    expect(keyPassphrase).toBeUndefined();
  });

  it('turns typed text into the contract’s numbers', () => {
    const { fields } = updateFromForm(form({ port: ' 2121 ', timeOffset: '-5:30', host: ' h ' }));
    expect(fields).toMatchObject({ port: 2121, timeOffsetMinutes: -330, host: 'h' });
    expect(updateFromForm(form({ port: '' })).fields.port).toBeNull();
  });

  it('sends a password only when the user set or cleared it, and only for logons that use one', () => {
    expect(updateFromForm(form({ password: { action: 'set', value: 's3cret' } })).password).toEqual({ action: 'set', value: 's3cret' });
    expect(updateFromForm(form({ password: { action: 'clear' } })).password).toEqual({ action: 'clear' });
    expect(updateFromForm(form({ logonType: 'ask', password: { action: 'set', value: 'x' } })).password).toBeUndefined();
    const key = updateFromForm(form({ protocol: 'sftp', logonType: 'key', keyFile: '/k', keyPassphrase: { action: 'set', value: 'pp' } }));
    expect(key.keyPassphrase).toEqual({ action: 'set', value: 'pp' });
  });

  it('is dirty only after a change', () => {
    expect(isFormDirty(formFromSite(site), site)).toBe(false);
    expect(isFormDirty(form({ host: 'other' }), site)).toBe(true);
    expect(isFormDirty(form({ password: { action: 'set', value: 'p' } }), site)).toBe(true);
  });
});

describe('which fields apply', () => {
  it('hides encryption, account and transfer mode for SFTP', () => {
    const sftp = applicableFields({ protocol: 'sftp', logonType: 'normal' });
    expect(sftp.has('encryption')).toBe(false);
    expect(sftp.has('account')).toBe(false);
    expect(sftp.has('transferMode')).toBe(false);
    expect(sftp.has('password')).toBe(true);
    const ftp = applicableFields({ protocol: 'ftp', logonType: 'normal' });
    expect([...['encryption', 'account', 'transferMode']].every((f) => ftp.has(f as keyof SiteForm))).toBe(true);
  });

  it('hides user and password for anonymous logon, and shows key fields only for key logon', () => {
    const anonymous = applicableFields({ protocol: 'ftp', logonType: 'anonymous' });
    expect(anonymous.has('user')).toBe(false);
    expect(anonymous.has('password')).toBe(false);
    expect(applicableFields({ protocol: 'ftp', logonType: 'ask' }).has('password')).toBe(false);
    const key = applicableFields({ protocol: 'sftp', logonType: 'key' });
    expect(key.has('keyFile') && key.has('keyPassphrase') && !key.has('password')).toBe(true);
  });

  it('falls back to normal logon when the new protocol lacks the logon type', () => {
    expect(withProtocol(form({ logonType: 'anonymous' }), 'sftp').logonType).toBe('normal');
    expect(withProtocol(form({ logonType: 'ask' }), 'sftp').logonType).toBe('ask');
  });

  it('knows each protocol’s default port', () => {
    expect(defaultPort('ftp', 'require-explicit')).toBe(21);
    expect(defaultPort('ftp', 'implicit')).toBe(990);
    expect(defaultPort('sftp', 'implicit')).toBe(22);
  });
});

describe('validation', () => {
  it('accepts a complete site', () => {
    expect(validateSiteForm(formFromSite(site))).toEqual({});
  });

  it('requires a host and a port in range', () => {
    expect(validateSiteForm(form({ host: '  ' })).host).toMatch(/host name or address/);
    expect(validateSiteForm(form({ port: '70000' })).port).toMatch(/1 to 65535/);
    expect(validateSiteForm(form({ port: '21a' })).port).toMatch(/1 to 65535/);
    expect(validateSiteForm(form({ port: '0' })).port).toBeDefined();
  });

  it('reports the contract’s own checks by field', () => {
    expect(validateSiteForm(form({ host: 'a b' })).host).toBe('A host cannot contain spaces.');
    expect(validateSiteForm(form({ user: 'a\u0007b' })).user).toBe('Cannot contain control characters.');
    expect(validateSiteForm(form({ charset: 'utf 8' })).charset).toBe('Not an encoding name.');
    expect(validateSiteForm(form({ bookmarks: [{ name: ' ', localFolder: '', remoteFolder: '' }] }))['bookmarks.0.name']).toBeDefined();
  });

  it('does not check fields that are hidden', () => {
    expect(validateSiteForm(form({ protocol: 'sftp', account: 'a\u0001' }))).toEqual({});
  });

  it('checks time offsets and key files', () => {
    expect(validateSiteForm(form({ timeOffset: '25:00' })).timeOffset).toBeDefined();
    expect(validateSiteForm(form({ timeOffset: 'soon' })).timeOffset).toBeDefined();
    expect(validateSiteForm(form({ protocol: 'sftp', logonType: 'key', keyFile: '' })).keyFile).toBeDefined();
  });
});

describe('time offsets', () => {
  it('formats and parses hours:minutes', () => {
    expect(formatTimeOffset(0)).toBe('0:00');
    expect(formatTimeOffset(90)).toBe('+1:30');
    expect(formatTimeOffset(-45)).toBe('-0:45');
    expect(parseTimeOffset('+1:30')).toBe(90);
    expect(parseTimeOffset('-2')).toBe(-120);
    expect(parseTimeOffset('')).toBe(0);
    expect(parseTimeOffset('1:75')).toBeNull();
  });
});

describe('errors from saving', () => {
  it('maps request paths to form fields', () => {
    expect(fieldOfRequestPath(['fields', 'port'])).toBe('port');
    expect(fieldOfRequestPath(['fields', 'timeOffsetMinutes'])).toBe('timeOffset');
    expect(fieldOfRequestPath(['fields', 'bookmarks', 2, 'remoteFolder'])).toBe('bookmarks.2.remoteFolder');
    expect(fieldOfRequestPath(['password', 'value'])).toBe('password');
    expect(fieldOfRequestPath(['id'])).toBeNull();
  });

  it('puts the back end’s unknown-charset sentence next to the charset', () => {
    const error = new FerryError('INVALID_INPUT', 'Ferry does not know the character set "klingon". Try "auto", "utf-8" or "windows-1252".');
    const result = siteSaveErrors(error);
    expect(result.fields.charset).toContain('klingon');
    expect(result.general).toBeNull();
  });
});
