/**
 * Lines of a LIST reply that describe the listing rather than an entry. They are
 * recognised exactly (so an unknown line is still reported as unparsed) and
 * skipped.
 */

/** What a header line tells the parser about the lines after it. */
export type ListingHeader = 'other' | 'mvs-members';

// `total 12` of `ls -l`, in the languages servers run `ls` in; `-h` adds a unit.
const TOTAL = /^(?:total|insgesamt|totalt|totale|totaal|celkem|razem|итого|合計|总用量|合计|합계)\s*:?\s*\d[\d.,]*\s*[kKMGT]?\s*$/;
const OTHER_HEADERS = [
  /^Directory\s+\S+\s*$/, // VMS: `Directory DISK$USER:[ANN]`
  /^\s*Total of \d+ files?\b/i, // VMS: `Total of 3 files, 24/48 blocks.`
  /^\s*Grand total of \d+ director/i, // VMS
  /^\s*size\s+date\s+time\s+name\s*$/i, // VxWorks column titles
  /^\s*-+(?:\s+-+){3}\s*$/, // VxWorks `--------  ------  ------  --------`
  /^Volume\s+Unit\s+Referred\s+Ext\s+Used\s+Recfm\s+Lrecl\s+BlkSz\s+Dsorg\s+Dsname\s*$/, // MVS data sets
];
// MVS member lists: of a source library, and of a load-module library.
const MVS_MEMBERS = [/^\s*Name\s+VV\.MM\s+Created\s+Changed\s+Size\s+Init\s+Mod\s+Id\s*$/, /^\s*Name\s+Size\s+TTR\s+Alias-of\b/];

/** The kind of header `line` is, or `null` when it is not one. Blank lines count as headers. */
export function listingHeader(line: string): ListingHeader | null {
  if (line.trim() === '') return 'other';
  if (TOTAL.test(line)) return 'other';
  if (MVS_MEMBERS.some((pattern) => pattern.test(line))) return 'mvs-members';
  return OTHER_HEADERS.some((pattern) => pattern.test(line)) ? 'other' : null;
}
