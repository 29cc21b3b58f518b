/**
 * Read-only use of OpenSSH's `known_hosts`: a host the user already trusts with `ssh`
 * is trusted by Ferry too, and a key that differs from the one recorded there is
 * refused. Ferry never writes this file (its own pins live in the trust store).
 *
 * Format (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
 *   [@marker] hostpatterns keytype base64-key [comment]
 * hostpatterns is a comma list of names with `*` / `?` wildcards and `!` negation, or one
 * hashed entry `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`. A non-standard port is
 * written `[host]:port`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One key line of a known_hosts file. */
export interface KnownHostEntry {
  /** `revoked` keys must never be accepted; `cert-authority` lines are CA keys (not used by Ferry). */
  marker: 'revoked' | 'cert-authority' | null;
  /** The host pattern field as written. */
  hosts: string;
  keyType: string;
  /** The key blob (base64-decoded). */
  key: Buffer;
  /** 1-based line number, for messages. */
  line: number;
}

/** A parsed file: its entries and the lines that could not be read. */
export interface KnownHostsFile {
  entries: KnownHostEntry[];
  /** "line 7: …" for each malformed line (reported as warnings, never fatal). */
  problems: string[];
}

/** What known_hosts says about one host:port. */
export interface KnownHostKeys {
  /** Keys recorded for this host (not revoked, not CA lines). */
  keys: KnownHostEntry[];
  /** Revoked keys that match this host (or every host). */
  revoked: KnownHostEntry[];
}

/** The default file, `~/.ssh/known_hosts`. */
export function defaultKnownHostsPath(): string {
  return path.join(os.homedir(), '.ssh', 'known_hosts');
}

/** Parses the text of a known_hosts file. */
export function parseKnownHosts(text: string): KnownHostsFile {
  const entries: KnownHostEntry[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift();
      if (name === '@revoked') marker = 'revoked';
      else if (name === '@cert-authority') marker = 'cert-authority';
      else {
        problems.push(`line ${index + 1}: unknown marker ${name}`);
        return;
      }
    }
    const [hosts, keyType, keyText] = fields;
    if (hosts === undefined || keyType === undefined || keyText === undefined) {
      problems.push(`line ${index + 1}: expected "hosts keytype key"`);
      return;
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyText)) {
      problems.push(`line ${index + 1}: the key is not base64`);
      return;
    }
    entries.push({ marker, hosts, keyType, key: Buffer.from(keyText, 'base64'), line: index + 1 });
  });
  return { entries, problems };
}

/**
 * Reads and parses a known_hosts file; a missing file is an empty one. Other read errors
 * are returned as a problem rather than thrown: known_hosts is a convenience, not a must.
 */
export async function readKnownHosts(file: string): Promise<KnownHostsFile> {
  try {
    return parseKnownHosts(await fs.readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { entries: [], problems: [] };
    return { entries: [], problems: [`cannot read ${file}: ${(error as Error).message}`] };
  }
}

/** The name OpenSSH records for host:port: `host` on port 22, else `[host]:port`. */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** True when an entry's host field covers host:port. */
export function entryMatchesHost(entry: KnownHostEntry, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (entry.hosts.startsWith('|1|')) return hashedEntryMatches(entry.hosts, name);
  return patternListMatches(entry.hosts, name);
}

/** The keys and revocations known_hosts holds for host:port. */
export function lookUpKnownHost(file: KnownHostsFile, host: string, port: number): KnownHostKeys {
  const keys: KnownHostEntry[] = [];
  const revoked: KnownHostEntry[] = [];
  for (const entry of file.entries) {
    if (!entryMatchesHost(entry, host, port)) continue;
    if (entry.marker === 'revoked') revoked.push(entry);
    else if (entry.marker === null) keys.push(entry);
  }
  return { keys, revoked };
}

/** `|1|salt|hash`: HMAC-SHA1 keyed with the salt over the host name. */
function hashedEntryMatches(field: string, name: string): boolean {
  const parts = field.split('|');
  // ['', '1', salt, hash]
  if (parts.length !== 4) return false;
  const salt = Buffer.from(parts[2] ?? '', 'base64');
  const expected = Buffer.from(parts[3] ?? '', 'base64');
  if (salt.length === 0 || expected.length !== 20) return false;
  const actual = createHmac('sha1', salt).update(name).digest();
  return timingSafeEqual(actual, expected);
}

/**
 * OpenSSH's match_pattern_list: a negated pattern that matches excludes the host outright,
 * even if a positive pattern also matches.
 */
function patternListMatches(list: string, name: string): boolean {
  let matched = false;
  for (const rawPattern of list.split(',')) {
    const negated = rawPattern.startsWith('!');
    const pattern = (negated ? rawPattern.slice(1) : rawPattern).toLowerCase();
    if (pattern === '') continue;
    if (wildcardMatches(pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** `*` = any run of characters, `?` = exactly one; everything else literal. */
function wildcardMatches(pattern: string, text: string): boolean {
  // Iterative matcher with backtracking to the last `*` (linear-ish, no regex injection).
  let p = 0;
  let t = 0;
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      starText = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
