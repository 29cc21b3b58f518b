/** Sorting parsed lines into entries, rejected names and unparsed lines. */
import type { RemoteEntry } from '../../../../shared/types/remote';
import { validateEntryName } from '../../entry-name';
import type { ParsedEntry, ParsedListing } from './types';

/**
 * Builds a {@link ParsedListing}. `.` and `..` are dropped quietly (they are the
 * folder itself and its parent, listed by `LIST -a`); every other invalid name is
 * kept in `rejected` so the user learns what was skipped.
 */
export class ListingCollector {
  readonly listing: ParsedListing = { entries: [], unparsed: [], rejected: [] };

  /** Adds a parsed line; its name is checked here, never trusted. */
  addEntry(parsed: ParsedEntry, raw: string): void {
    if (isSelfOrParent(parsed.name)) return;
    const check = validateEntryName(parsed.name);
    // Parsed entries are fresh objects: attaching `raw` in place saves a copy per line.
    if (check.ok) this.listing.entries.push(Object.assign(parsed, { raw }));
    else this.listing.rejected.push({ name: parsed.name, raw, reason: check.reason });
  }

  /** Records a line no parser understood. */
  addUnparsed(raw: string): void {
    this.listing.unparsed.push(raw);
  }
}

/** The entry of one parsed line, or `null` for `.`, `..` and names that are not one path component. */
export function checkedEntry(parsed: ParsedEntry, raw: string): RemoteEntry | null {
  if (isSelfOrParent(parsed.name) || !validateEntryName(parsed.name).ok) return null;
  return { ...parsed, raw };
}

function isSelfOrParent(name: string): boolean {
  return name === '.' || name === '..';
}

/** Lines of a listing: CRLF or bare LF separate them; a bare CR stays part of its line. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
