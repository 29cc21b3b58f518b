/** Types shared by the FTP listing parsers. */
import type { RemoteEntry } from '../../../../shared/types/remote';

/** How to read times in a listing. */
export interface ListingOptions {
  /**
   * The current time, used to guess the year of recent LIST entries (`Jan  5 10:22`
   * has none). Defaults to the real clock; tests pass a fixed date.
   */
  now?: Date;
  /**
   * The server's clock zone in minutes east of UTC (`+60` for a server on CET).
   * LIST times are the server's local wall-clock time: they are read as UTC and
   * this offset is subtracted. MLSD times are UTC by definition and ignore it.
   * Default 0.
   */
  serverTimeOffsetMinutes?: number;
}

/** The outcome of parsing a whole listing. Nothing the server sent is silently lost. */
export interface ParsedListing {
  /** Valid entries, without `.`, `..` and MLSD `cdir`/`pdir`. */
  entries: RemoteEntry[];
  /** Lines no parser understood, as received; the caller logs them. */
  unparsed: string[];
  /** Entries whose name is not a safe single path component; never in `entries`. */
  rejected: { name: string; raw: string; reason: string }[];
}

/** One parsed line before its name is checked and its raw text attached. */
export type ParsedEntry = Omit<RemoteEntry, 'raw'>;

/** A listing date before the server clock offset is applied. */
export interface ListingTime {
  mtime: number;
  precision: NonNullable<RemoteEntry['mtimePrecision']>;
}
