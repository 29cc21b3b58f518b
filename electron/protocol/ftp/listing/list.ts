/**
 * LIST replies: every line is tried against each known format (servers are not
 * asked which one they speak, and a few mix formats), wrapped VMS entries are
 * joined, headers are skipped, and whatever is left is reported as unparsed.
 */
import type { RemoteEntry } from '../../../../shared/types/remote';
import { checkedEntry, ListingCollector, splitLines } from './collect';
import { parseAs400Line } from './formats/as400';
import { parseDosLine } from './formats/dos';
import { parseEplfLine } from './formats/eplf';
import { parseMvsBareMember, parseMvsLine } from './formats/mvs';
import { parseNetwareLine } from './formats/netware';
import { parseOs2Line } from './formats/os2';
import { parseUnixLine } from './formats/unix';
import { isVmsNameOnly, parseVmsLine } from './formats/vms';
import { parseVxworksLine } from './formats/vxworks';
import { listingHeader } from './headers';
import type { ListingOptions, ParsedEntry, ParsedListing } from './types';

type LineParser = (line: string, options: ListingOptions) => ParsedEntry | null;

// Most common first. Each format's pattern is anchored on what only it has (Unix
// permission letters, a leading DOS date, EPLF's `+`, VMS's `;version`, AS/400's
// `*TYPE` …), so the order matters only for speed.
const PARSERS: LineParser[] = [
  parseUnixLine,
  parseDosLine,
  parseEplfLine,
  parseNetwareLine,
  parseVmsLine,
  parseOs2Line,
  parseVxworksLine,
  parseAs400Line,
  parseMvsLine,
];

/** Parses a whole LIST reply. */
export function parseListListing(text: string, options: ListingOptions = {}): ParsedListing {
  const collector = new ListingCollector();
  const lines = splitLines(text);
  const resolved: ListingOptions = { ...options, now: options.now ?? new Date() };
  // After an MVS member-list header, a bare name is a member.
  let inMvsMembers = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;

    // VMS puts the rest of an entry with a long name on the next line.
    const next = lines[i + 1];
    if (next !== undefined && isVmsNameOnly(line)) {
      const joined = parseVmsLine(`${line.trim()} ${next.trim()}`, resolved);
      if (joined) {
        collector.addEntry(joined, `${line}\n${next}`);
        i++;
        continue;
      }
    }

    const parsed = parseLine(line, resolved);
    if (parsed) {
      collector.addEntry(parsed, line);
      continue;
    }
    // Headers are checked only for lines no format took: cheaper, and no header looks like an entry.
    const header = listingHeader(line);
    if (header === 'mvs-members') inMvsMembers = true;
    if (header !== null) continue;
    const member = inMvsMembers ? parseMvsBareMember(line) : null;
    if (member) collector.addEntry(member, line);
    else collector.addUnparsed(line);
  }
  return collector.listing;
}

/**
 * Parses one LIST line on its own (no VMS wrap joining). `null` when no format
 * fits, for `.`/`..`, and for names that are not one safe path component.
 */
export function parseListLine(line: string, options: ListingOptions = {}): RemoteEntry | null {
  const parsed = parseLine(line, options);
  return parsed ? checkedEntry(parsed, line) : null;
}

function parseLine(line: string, options: ListingOptions): ParsedEntry | null {
  for (const parser of PARSERS) {
    const parsed = parser(line, options);
    if (parsed) return parsed;
  }
  return null;
}
