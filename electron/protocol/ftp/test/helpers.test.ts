import { describe, expect, it } from 'vitest';
import { parseFeatures, capabilitiesOf, parseHashFeature } from '../features';
import { digestFrom } from '../hash';
import { FromWireLineEndings, ToWireLineEndings } from '../line-endings';
import { formatFtpTime, parseFtpTime } from '../ftp-client';
import { parsePwdReply, resolveRemotePath } from '../session';
import { transferModeFor } from '../transfer-mode';
import { sizeInPreliminary } from '../download';
import { charsetFor } from '../charset';

describe('FEAT', () => {
  it('reads features and capabilities', () => {
    const features = parseFeatures({
      code: 211,
      lines: ['211-Features:', ' MLST type*;size*;modify*;', ' SIZE', ' MFMT', ' REST STREAM', ' UTF8', ' HASH SHA-1*;SHA-256;MD5', ' XCRC', '211 End'],
    });
    expect(features.get('MLST')).toBe('type*;size*;modify*;');
    const caps = capabilitiesOf(features);
    expect(caps).toMatchObject({ mlsd: true, size: true, mdtm: false, mfmt: true, restStream: true, utf8: true });
    expect(caps.hashAlgorithms).toEqual(['SHA-256', 'SHA-1', 'MD5', 'CRC32']);
    expect(parseHashFeature('SHA-1*;SHA-256;MD5')).toEqual({ algorithms: ['SHA-1', 'SHA-256', 'MD5'], selected: 'SHA-1' });
  });

  it('treats a refused FEAT as no features', () => {
    expect(parseFeatures({ code: 500, lines: ['500 Unknown'] }).size).toBe(0);
  });
});

describe('digestFrom', () => {
  const sha = 'a'.repeat(64);
  it('reads HASH and X-command replies', () => {
    expect(digestFrom({ code: 213, lines: [`213 SHA-256 0-49 ${sha} file name.txt`] }, 'SHA-256', true)).toEqual({ algorithm: 'SHA-256', digest: sha });
    expect(digestFrom({ code: 250, lines: ['250 D41D8CD98F00B204E9800998ECF8427E'] }, 'MD5', false)).toEqual({ algorithm: 'MD5', digest: 'd41d8cd98f00b204e9800998ecf8427e' });
    expect(digestFrom({ code: 213, lines: ['213 0x1a2b'] }, 'CRC32', false)).toEqual({ algorithm: 'CRC32', digest: '00001a2b' });
    expect(digestFrom({ code: 213, lines: ['213 nothing here'] }, 'SHA-1', false)).toBeNull();
  });
});

describe('line endings', () => {
  it('converts LF to CRLF for the wire across chunk boundaries, leaving CRLF alone', () => {
    const conv = new ToWireLineEndings();
    const out = Buffer.concat([conv.convert(Buffer.from('a\nb\r')), conv.convert(Buffer.from('\nc\n'))]);
    expect(out.toString()).toBe('a\r\nb\r\nc\r\n');
  });

  it('converts CRLF to LF from the wire across chunk boundaries, keeping a lone CR', () => {
    const conv = new FromWireLineEndings();
    const out = Buffer.concat([conv.convert(Buffer.from('a\r\nb\r')), conv.convert(Buffer.from('\nc\rd\r')), conv.flush()]);
    expect(out.toString()).toBe('a\nb\nc\rd\r');
  });
});

describe('small helpers', () => {
  it('parses PWD replies with doubled quotes', () => {
    expect(parsePwdReply('257 "/home/a ""b"" c" is current')).toBe('/home/a "b" c');
    expect(parsePwdReply('257 no quotes')).toBeNull();
  });

  it('resolves remote paths', () => {
    expect(resolveRemotePath('/home/u', 'a/b')).toBe('/home/u/a/b');
    expect(resolveRemotePath('/home/u', '../x/')).toBe('/home/x');
    expect(resolveRemotePath('/home/u', '/')).toBe('/');
    expect(() => resolveRemotePath('/', '')).toThrow(/empty/);
  });

  it('formats and parses FTP times in UTC', () => {
    const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(formatFtpTime(date)).toBe('20240102030405');
    expect(parseFtpTime('20240102030405')?.getTime()).toBe(date.getTime());
    expect(parseFtpTime('20240102030405.250')?.getTime()).toBe(date.getTime() + 250);
    expect(parseFtpTime('garbage')).toBeNull();
  });

  it('picks the transfer mode by name', () => {
    expect(transferModeFor('index.html')).toBe('ascii');
    expect(transferModeFor('/x/README')).toBe('ascii');
    expect(transferModeFor('.htaccess')).toBe('ascii');
    expect(transferModeFor('photo.JPG')).toBe('binary');
    expect(transferModeFor('archive.tar.gz')).toBe('binary');
    expect(transferModeFor('notes.TXT')).toBe('ascii');
    expect(transferModeFor('Makefile', { noExtensionIsText: false })).toBe('binary');
    expect(transferModeFor('data.bin', { asciiExtensions: ['bin'] })).toBe('ascii');
  });

  it('reads the size in a 150 reply', () => {
    expect(sizeInPreliminary('150 Opening BINARY mode data connection for a.bin (1234 bytes).')).toBe(1234);
    expect(sizeInPreliminary('150 Ok to send data.')).toBeNull();
  });

  it('knows charsets through iconv-lite and refuses unknown ones', () => {
    const cp = charsetFor('windows-1252');
    expect(cp.encode('é')).toEqual(Buffer.from([0xe9]));
    expect(cp.decode(Buffer.from([0xe9]))).toBe('é');
    expect(charsetFor().isUtf8).toBe(true);
    expect(() => charsetFor('no-such-charset')).toThrow(/does not know/);
  });
});

describe('mlstFactsToRequest', () => {
  it('asks for the offered facts Ferry reads when some are off', async () => {
    const { mlstFactsToRequest } = await import('../features');
    expect(mlstFactsToRequest(new Map([['MLST', 'type*;perm*;size*;modify*;unique;unix.mode;unix.uid;unix.gid;']]))).toBe(
      'MLST type;size;modify;perm;unique;unix.mode;unix.uid;unix.gid;',
    );
    expect(mlstFactsToRequest(new Map([['MLST', 'type*;size*;modify*;']]))).toBeNull();
    expect(mlstFactsToRequest(new Map())).toBeNull();
  });
});
