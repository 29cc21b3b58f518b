/**
 * Listings from real servers (vsftpd 3, pyftpdlib) and real `ls -l` (GNU coreutils),
 * fetched from a folder of awkward names and checked against what is on disk. The
 * tables in the other files pin exact fields; this one proves the parsers agree
 * with servers that actually exist, not with our idea of them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../../../../shared/types/remote';
import { curl, ftpUrl } from '../../../../../testkit/servers/curl.test-helper';
import { startPyftpdlib, startVsftpd, type FtpServerHandle } from '../../../../../testkit/servers';
import { parseListListing, parseMlsdListing, type ParsedListing } from '../index';

const OLD = new Date(Date.UTC(2001, 1, 3, 4, 5, 6));
const VALID_NAMES = ['plain.txt', 'two  spaces.txt', ' leading space.txt', 'Grüße 日本 😀.txt', 'semi; colon', 'old.txt', 'sub dir', 'link', 'setuid'];

/** Fills `root` with awkward names; returns nothing, the disk is the reference. */
function populate(root: string): void {
  fs.writeFileSync(path.join(root, 'plain.txt'), 'hello');
  fs.writeFileSync(path.join(root, 'two  spaces.txt'), 'x'.repeat(1234));
  fs.writeFileSync(path.join(root, ' leading space.txt'), 'l');
  fs.writeFileSync(path.join(root, 'Grüße 日本 😀.txt'), 'utf8');
  fs.writeFileSync(path.join(root, 'semi; colon'), ';');
  fs.writeFileSync(path.join(root, 'old.txt'), 'old');
  fs.utimesSync(path.join(root, 'old.txt'), OLD, OLD);
  fs.mkdirSync(path.join(root, 'sub dir'));
  fs.symlinkSync('plain.txt', path.join(root, 'link'));
  fs.writeFileSync(path.join(root, 'setuid'), '#!/bin/sh\n');
  fs.chmodSync(path.join(root, 'setuid'), 0o4755);
  // Legal on Unix, refused by Ferry: must show up in `rejected`, never in `entries`.
  fs.writeFileSync(path.join(root, 'back\\slash'), 'b');
}

/** Checks every parsed entry against lstat of the file it names, to the precision it claims. */
function expectMatchesDisk(listing: ParsedListing, root: string, options: { linksFollowed?: boolean } = {}): void {
  expect(listing.unparsed).toEqual([]);
  expect(listing.rejected.map((item) => item.name)).toEqual(['back\\slash']);
  expect(listing.entries.map((entry) => entry.name).sort()).toEqual([...VALID_NAMES].sort());
  for (const entry of listing.entries) {
    const stat = options.linksFollowed ? fs.statSync(path.join(root, entry.name)) : fs.lstatSync(path.join(root, entry.name));
    const kind = stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? 'link' : 'file';
    expect([entry.name, entry.kind]).toEqual([entry.name, kind]);
    if (kind === 'file') expect([entry.name, entry.size]).toEqual([entry.name, stat.size]);
    if (kind === 'link') expect(entry.linkTarget).toBe('plain.txt');
    if (entry.mode !== null) expect([entry.name, entry.mode]).toEqual([entry.name, stat.mode & 0o7777]);
    expect([entry.name, entry.mtime]).toEqual([entry.name, truncate(stat.mtimeMs, entry)]);
  }
}

function truncate(mtimeMs: number, entry: RemoteEntry): number {
  const unit = { day: 86_400_000, minute: 60_000, second: 1000, millisecond: 1 }[entry.mtimePrecision ?? 'millisecond'];
  return Math.floor(mtimeMs / unit) * unit;
}

describe('GNU ls -l', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'ferry-listing-ls-'));
    populate(root);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const env = { ...process.env, LC_ALL: 'C', TZ: 'UTC' };
  it.each([
    ['default', []],
    ['--time-style=long-iso', ['--time-style=long-iso']],
    ['--full-time', ['--full-time']],
    ['numeric ids', ['-n']],
    ['no group', ['-G']],
  ])('%s', (_style, args) => {
    const text = execFileSync('ls', ['-l', ...args, root], { env, encoding: 'utf8' });
    expectMatchesDisk(parseListListing(text), root);
  });
});

describe('vsftpd LIST', () => {
  let server: FtpServerHandle;
  beforeAll(async () => {
    server = await startVsftpd();
    populate(server.root);
  });
  afterAll(async () => server?.stop());

  it('parses what vsftpd sends', async () => {
    const { stdout } = await curl('--user', `${server.user}:${server.password}`, ftpUrl('ftp', server.host, server.port, '/'));
    // vsftpd prints times in UTC by default (use_localtime=NO): no offset.
    expectMatchesDisk(parseListListing(stdout), server.root);
  });
});

describe('pyftpdlib', () => {
  let server: FtpServerHandle;
  beforeAll(async () => {
    server = await startPyftpdlib();
    populate(server.root);
  });
  afterAll(async () => server?.stop());

  it('LIST', async () => {
    const { stdout } = await curl('--user', `${server.user}:${server.password}`, ftpUrl('ftp', server.host, server.port, '/'));
    expectMatchesDisk(parseListListing(stdout), server.root);
  });

  it('MLSD', async () => {
    const { stdout } = await curl('--user', `${server.user}:${server.password}`, '-X', 'MLSD', ftpUrl('ftp', server.host, server.port, '/'));
    // pyftpdlib's MLSD describes the target of a symlink (it uses stat, not lstat).
    expectMatchesDisk(parseMlsdListing(stdout), server.root, { linksFollowed: true });
  });
});
