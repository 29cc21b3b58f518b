/**
 * SFTP attributes (and OpenSSH's `ls -l` style "longname") → Ferry's `RemoteEntry`.
 */
import type { RemoteEntry } from '../../../shared/types/remote';

/** The SFTP attributes ssh2 reports (any field may be missing on some servers). */
export interface SftpAttributes {
  mode?: number;
  size?: number;
  uid?: number;
  gid?: number;
  atime?: number;
  mtime?: number;
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** What an entry is, from the file-type bits of its mode. Sockets, FIFOs and devices count as files. */
export function kindFromMode(mode: number | undefined): RemoteEntry['kind'] {
  if (mode === undefined) return 'file';
  const type = mode & S_IFMT;
  if (type === S_IFDIR) return 'dir';
  if (type === S_IFLNK) return 'link';
  return 'file';
}

/** `rwxr-xr-x` (with s/S/t/T for setuid, setgid and sticky), like `ls -l` without the type letter. */
export function permissionText(mode: number): string {
  const bit = (mask: number, char: string): string => (mode & mask ? char : '-');
  const special = (exec: number, flag: number, on: string): string => {
    const x = (mode & exec) !== 0;
    if (mode & flag) return x ? on : on.toUpperCase();
    return x ? 'x' : '-';
  };
  return (
    bit(0o400, 'r') + bit(0o200, 'w') + special(0o100, 0o4000, 's') +
    bit(0o040, 'r') + bit(0o020, 'w') + special(0o010, 0o2000, 's') +
    bit(0o004, 'r') + bit(0o002, 'w') + special(0o001, 0o1000, 't')
  );
}

/**
 * Owner and group names from an OpenSSH longname
 * (`-rw-r--r--    1 alice    staff        1234 Jan  1 00:00 name`). SFTP v3 attributes only
 * carry numeric ids; the longname is the only place the names appear. It is used only when
 * it has the expected shape and its size agrees with the attributes.
 */
export function ownerFromLongname(longname: string | undefined, size: number | undefined): { owner: string; group: string } | null {
  if (!longname) return null;
  const fields = longname.trim().split(/\s+/);
  const [perm, , owner, group, sizeText] = fields;
  if (fields.length < 9 || !perm || !/^[-dlbcps][-rwxsStT]{9}[.+@]?$/.test(perm)) return null;
  if (!owner || !group || sizeText === undefined || (size !== undefined && sizeText !== String(size))) return null;
  return { owner, group };
}

/** A `RemoteEntry` for `name` from its SFTP attributes (lstat-style: links are links). */
export function entryFromAttributes(name: string, attrs: SftpAttributes, longname?: string): RemoteEntry {
  const kind = kindFromMode(attrs.mode);
  const names = ownerFromLongname(longname, attrs.size);
  const entry: RemoteEntry = {
    name,
    kind,
    size: attrs.size ?? null,
    // SFTP v3 times are whole seconds since the epoch, UTC.
    mtime: attrs.mtime !== undefined ? attrs.mtime * 1000 : null,
    mtimePrecision: attrs.mtime !== undefined ? 'second' : null,
    permissions: attrs.mode !== undefined ? permissionText(attrs.mode) : null,
    mode: attrs.mode !== undefined ? attrs.mode & 0o7777 : null,
    owner: names?.owner ?? (attrs.uid !== undefined ? String(attrs.uid) : null),
    group: names?.group ?? (attrs.gid !== undefined ? String(attrs.gid) : null),
  };
  if (longname) entry.raw = longname;
  return entry;
}
