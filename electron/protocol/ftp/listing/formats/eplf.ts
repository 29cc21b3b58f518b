/**
 * EPLF, the Easily Parsed LIST Format of publicfile and anonftpd
 * (https://cr.yp.to/ftp/list/eplf.html):
 *
 *     +i8388621.29609,m824255902,/,\tdev
 *     +i8388621.44468,m839956783,r,s10376,up644,\tRFCEPLF
 *
 * Facts are comma-separated, each named by its first letter: `/` a folder, `r` a
 * retrievable file, `s` size, `m` modification time (Unix seconds, UTC), `up`
 * Unix permissions in octal, `i` an identifier. A tab ends the facts.
 */
import { modeToPermissions } from '../permissions';
import type { ParsedEntry } from '../types';

/** Parses one EPLF line; `null` when it is not one. */
export function parseEplfLine(line: string): ParsedEntry | null {
  if (!line.startsWith('+')) return null;
  const tab = line.indexOf('\t');
  if (tab < 0) return null;
  const entry: ParsedEntry = {
    name: line.slice(tab + 1),
    kind: 'file',
    size: null,
    mtime: null,
    mtimePrecision: null,
    permissions: null,
    mode: null,
    owner: null,
    group: null,
  };
  for (const fact of line.slice(1, tab).split(',')) {
    const value = fact.slice(1);
    switch (fact[0]) {
      case '/':
        entry.kind = 'dir';
        break;
      case 's':
        if (/^\d+$/.test(value)) entry.size = Number(value);
        break;
      case 'm':
        if (/^\d+$/.test(value)) {
          // Unix seconds are UTC: the server clock offset does not apply.
          entry.mtime = Number(value) * 1000;
          entry.mtimePrecision = 'second';
        }
        break;
      case 'u':
        if (/^p[0-7]{3,4}$/.test(value)) {
          entry.mode = Number.parseInt(value.slice(1), 8);
          entry.permissions = modeToPermissions(entry.mode);
        }
        break;
      default:
        // `r`, `i` and unknown facts carry nothing RemoteEntry keeps (EPLF says: ignore unknown facts).
        break;
    }
  }
  return entry;
}
