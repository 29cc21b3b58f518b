/**
 * FTP directory listings: MLSD/MLST (RFC 3659) and the many LIST formats servers
 * send. Pure functions over already-decoded text; no I/O.
 *
 * Every name is checked with `validateEntryName`: entries whose name is not one
 * safe path component land in `rejected`, never in `entries`.
 */
export type { ListingOptions, ParsedListing } from './types';
export { parseMlsdListing, parseMlstEntry } from './mlsd';
export { parseListListing, parseListLine } from './list';
