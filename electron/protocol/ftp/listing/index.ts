/**
 * FTP directory listings: pure functions over already-decoded text, no I/O.
 *
 * - MLSD / MLST (RFC 3659), times in UTC: {@link parseMlsdListing}, {@link parseMlstEntry}.
 * - LIST, the format detected per line: Unix `ls -l` (with symlinks, devices, ACL
 *   marks, ISO / numeric / localized dates, thousands separators), DOS/IIS, EPLF,
 *   VMS (long names wrapped onto two lines are joined; `raw` then holds both lines),
 *   NetWare, OS/2, VxWorks, AS/400 and MVS: {@link parseListListing}, {@link parseListLine}.
 *   Times are server-local: see `ListingOptions.serverTimeOffsetMinutes`.
 *
 * Every name is checked with `validateEntryName` (../../entry-name): an entry whose
 * name is not one safe path component lands in `rejected`, never in `entries`;
 * `.`/`..` are dropped; a line nothing understands lands in `unparsed`.
 */
export type { ListingOptions, ParsedListing } from './types';
export { parseMlsdListing, parseMlstEntry } from './mlsd';
export { parseListListing, parseListLine } from './list';
