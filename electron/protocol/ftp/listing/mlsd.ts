/**
 * MLSD and MLST (RFC 3659): `fact=value;fact=value; name`. Times are UTC.
 *
 * Facts read: `type` (file, dir, cdir, pdir, `OS.unix=slink:target`,
 * `OS.unix=symlink`), `size`, `modify`, `perm`, `UNIX.mode`, `UNIX.owner`/`UNIX.uid`,
 * `UNIX.group`/`UNIX.gid`. `unique` is read but RemoteEntry has no field for it.
 *
 * `permissions`/`mode` come from `UNIX.mode`. Without it, `permissions` holds the
 * RFC 3659 `perm` fact as the server wrote it (`adfrw`: what the logged-in user
 * may do, not Unix bits) and `mode` stays `null`.
 */
import type { RemoteEntry } from '../../../../shared/types/remote';
import { checkedEntry, ListingCollector, splitLines } from './collect';
import { parseMlsdTime } from './dates';
import { modeToPermissions } from './permissions';
import type { ListingOptions, ParsedEntry, ParsedListing } from './types';

/** A parsed MLSD line: an entry, or a `cdir`/`pdir` line that lists no child. */
type MlsdLine = { entry: ParsedEntry; isFolderItself: boolean };

/**
 * Parses a whole MLSD listing. `cdir`/`pdir` lines (the folder and its parent)
 * are skipped; `options` is accepted for symmetry with LIST, MLSD times are UTC.
 */
export function parseMlsdListing(text: string, _options: ListingOptions = {}): ParsedListing {
  const collector = new ListingCollector();
  for (const line of splitLines(text)) {
    if (line.trim() === '') continue;
    const parsed = parseMlsdLine(line);
    if (!parsed) collector.addUnparsed(line);
    else if (!parsed.isFolderItself) collector.addEntry(parsed.entry, line);
  }
  return collector.listing;
}

/**
 * Parses one MLST reply line (` type=file;size=12; /pub/a.txt`, for stat). The
 * server names the entry by its path: `name` is the path's last component, or `/`
 * for the root. `type=cdir` means a folder here. `null` when the line is not an
 * MLST line or its last component is not a valid name.
 */
export function parseMlstEntry(factsAndName: string): RemoteEntry | null {
  // The reply line is indented by one space (RFC 3659 7.2); a terminator may be left on.
  const raw = factsAndName.replace(/\r?\n$/, '');
  const line = raw.startsWith(' ') ? raw.slice(1) : raw;
  const parsed = parseMlsdLine(line);
  if (!parsed) return null;
  const path = parsed.entry.name;
  const components = path.split('/').filter((part) => part !== '');
  const last = components[components.length - 1];
  if (last === undefined) {
    return path.startsWith('/') ? { ...parsed.entry, name: '/', raw } : null;
  }
  return checkedEntry({ ...parsed.entry, name: last }, raw);
}

/** One MLSD line, or `null` when it has no facts part or no name. */
function parseMlsdLine(line: string): MlsdLine | null {
  const split = splitFactsAndName(line);
  if (!split) return null;
  const facts = new Map<string, string>();
  for (const fact of split.facts.split(';')) {
    if (fact === '') continue;
    const equals = fact.indexOf('=');
    if (equals <= 0) return null;
    facts.set(fact.slice(0, equals).toLowerCase(), fact.slice(equals + 1));
  }

  const entry: ParsedEntry = {
    name: split.name,
    kind: 'file',
    size: null,
    mtime: null,
    mtimePrecision: null,
    permissions: null,
    mode: null,
    owner: facts.get('unix.owner') ?? facts.get('unix.ownername') ?? facts.get('unix.uid') ?? null,
    group: facts.get('unix.group') ?? facts.get('unix.groupname') ?? facts.get('unix.gid') ?? null,
  };

  const type = (facts.get('type') ?? 'file').toLowerCase();
  let isFolderItself = false;
  if (type === 'dir') entry.kind = 'dir';
  else if (type === 'cdir' || type === 'pdir') {
    entry.kind = 'dir';
    isFolderItself = true;
  } else if (type.startsWith('os.unix=slink') || type === 'os.unix=symlink') {
    entry.kind = 'link';
    entry.targetKind = null;
    // The target keeps its case: take it from the original value, not the lower-cased one.
    const original = facts.get('type') ?? '';
    const colon = original.indexOf(':');
    if (colon >= 0 && colon < original.length - 1) entry.linkTarget = original.slice(colon + 1);
  }

  const size = facts.get('size');
  if (size !== undefined && /^\d+$/.test(size)) entry.size = Number(size);

  const modify = facts.get('modify');
  const time = modify === undefined ? null : parseMlsdTime(modify);
  if (time) {
    entry.mtime = time.mtime;
    entry.mtimePrecision = time.precision;
  }

  // Octal; pyftpdlib writes it with Python's `0o` prefix (`0o644`).
  const unixMode = /^(?:0o)?([0-7]{1,7})$/i.exec(facts.get('unix.mode') ?? '');
  if (unixMode) {
    entry.mode = Number.parseInt(unixMode[1] as string, 8) & 0o7777;
    entry.permissions = modeToPermissions(entry.mode);
  } else {
    const perm = facts.get('perm');
    if (perm !== undefined && perm !== '') entry.permissions = perm;
  }
  return { entry, isFolderItself };
}

/**
 * Splits `facts; name` at the space that ends the facts. Fact values never hold
 * `; `, names may hold anything (spaces, `;`, leading spaces), so the first `; `
 * is the boundary. A line starting with a space has no facts (RFC 3659 allows it).
 */
function splitFactsAndName(line: string): { facts: string; name: string } | null {
  if (line.startsWith(' ')) return { facts: '', name: line.slice(1) };
  const boundary = line.indexOf('; ');
  if (boundary >= 0) return { facts: line.slice(0, boundary + 1), name: line.slice(boundary + 2) };
  // Some servers leave out the last `;`: `type=file;size=3 name`.
  const space = line.indexOf(' ');
  if (space > 0 && line.slice(0, space).includes('=')) return { facts: line.slice(0, space), name: line.slice(space + 1) };
  return null;
}
