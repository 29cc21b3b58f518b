/**
 * Dates in listings. LIST gives the server's local wall-clock time, often without
 * a year or seconds; MLSD gives UTC. Every result carries its precision so a
 * minute-precise LIST time is never compared as if it were exact.
 */
import type { ListingOptions, ListingTime } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A date as a listing wrote it. `year` is missing for recent Unix entries. */
export interface WallClock {
  year?: number;
  /** 1–12. */
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
  /** An explicit zone in the line (`+0100` of `ls --full-time`), minutes east of UTC. */
  zoneMinutes?: number;
}

/**
 * The UTC time of a LIST date. Without a year, the year is the one that makes the
 * date the most recent one not more than a day ahead of `now` on the server's
 * clock (a day of slack covers zone differences and clock skew around New Year).
 * Without an explicit zone the server clock offset is subtracted. `null` when the
 * date does not exist (month 13, Feb 30, 25:00).
 */
export function listTime(parts: WallClock, options: ListingOptions = {}): ListingTime | null {
  const { month, day } = parts;
  const hour = parts.hour ?? 0;
  const minute = parts.minute ?? 0;
  const second = Math.min(parts.second ?? 0, 59); // a leap second is shown as :59
  const millisecond = parts.millisecond ?? 0;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (hour > 23 || minute > 59 || hour < 0 || minute < 0 || second < 0) return null;
  const offsetMinutes = parts.zoneMinutes ?? options.serverTimeOffsetMinutes ?? 0;

  let year = parts.year;
  if (year === undefined) {
    const nowOnServer = (options.now ?? new Date()).getTime() + offsetMinutes * MINUTE;
    const latest = nowOnServer + DAY;
    const thisYear = yearOf(nowOnServer);
    // Feb 29 may need to go back up to 8 years (1900 → 1904 style gaps); others at most 2.
    for (let candidate = thisYear + 1; candidate >= thisYear - 8; candidate--) {
      if (day <= daysInMonth(candidate, month) && Date.UTC(candidate, month - 1, day, hour, minute, second, millisecond) <= latest) {
        year = candidate;
        break;
      }
    }
    if (year === undefined) return null;
  }
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly.
  const exact = year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return { mtime: exact - offsetMinutes * MINUTE, precision: precisionOf(parts) };
}

// Listings repeat the same `now`: remember the last year computed instead of making a Date per line.
let lastYearOf = { at: NaN, year: 0 };
function yearOf(time: number): number {
  if (time !== lastYearOf.at) lastYearOf = { at: time, year: new Date(time).getUTCFullYear() };
  return lastYearOf.year;
}

function precisionOf(parts: WallClock): ListingTime['precision'] {
  if (parts.hour === undefined) return 'day';
  if (parts.second === undefined) return 'minute';
  if (parts.millisecond === undefined) return 'second';
  return 'millisecond';
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * A year written with two digits (`24`) or as years since 1900 (`103`, OS/2),
 * as a full year: two digits fall within 80 years before and 20 after `now`.
 */
export function fullYear(written: number, options: ListingOptions = {}): number {
  if (written >= 1000) return written;
  if (written >= 100) return 1900 + written;
  const nowYear = (options.now ?? new Date()).getUTCFullYear();
  let year = Math.floor(nowYear / 100) * 100 + written;
  if (year > nowYear + 20) year -= 100;
  else if (year <= nowYear - 80) year += 100;
  return year;
}

// Month abbreviations and names as `ls` prints them in common locales. Lower case,
// without a trailing dot; lookups strip the dot (`Okt.`, `févr.`).
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ['jan', 'january', 'janv', 'janvier', 'januar', 'ene', 'enero', 'gen', 'gennaio', 'januari', 'janeiro', 'jän', 'jänner', 'sty'],
  ['feb', 'february', 'febr', 'févr', 'fevr', 'février', 'februar', 'febrero', 'febbraio', 'februari', 'fev', 'fevereiro', 'lut'],
  ['mar', 'march', 'mär', 'mrz', 'märz', 'mars', 'marzo', 'mrt', 'maart', 'março', 'marco'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile', 'kwi'],
  ['may', 'mai', 'mayo', 'mag', 'maggio', 'mei', 'maio', 'maj'],
  ['jun', 'june', 'juin', 'juni', 'junio', 'giu', 'giugno', 'junho', 'cze'],
  ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'lug', 'luglio', 'julho', 'lip'],
  ['aug', 'august', 'août', 'aout', 'ago', 'agosto', 'augustus', 'sie'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'setembro', 'wrz'],
  ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'ott', 'ottobre', 'out', 'outubro', 'paź'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'lis'],
  ['dec', 'december', 'déc', 'decembre', 'décembre', 'dez', 'dezember', 'dic', 'diciembre', 'dicembre', 'dezembro', 'gru'],
];
MONTH_NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});

/**
 * The month (1–12) a token names: `Jan`, `okt.`, `févr.`, `1月`, `1월`; `null` otherwise.
 */
export function monthFromName(token: string): number | null {
  const cjk = /^(\d{1,2})[月월]$/.exec(token);
  if (cjk) {
    const month = Number(cjk[1]);
    return month >= 1 && month <= 12 ? month : null;
  }
  const key = (token.endsWith('.') ? token.slice(0, -1) : token).toLowerCase();
  return MONTHS[key] ?? null;
}

/** A clock time `10:22`, `10:22:33`, `10:22:33.123456`; `null` otherwise. */
export function parseClock(token: string): Pick<WallClock, 'hour' | 'minute' | 'second' | 'millisecond'> | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/.exec(token);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  const clock: Pick<WallClock, 'hour' | 'minute' | 'second' | 'millisecond'> = { hour, minute };
  if (match[3] !== undefined) {
    const second = Number(match[3]);
    if (second > 60) return null;
    clock.second = second;
  }
  if (match[4] !== undefined) clock.millisecond = fractionToMilliseconds(match[4]);
  return clock;
}

/** `5` → 500, `123456` → 123 (truncated, never rounded up into the next second). */
export function fractionToMilliseconds(digits: string): number {
  return Number((digits + '00').slice(0, 3));
}

/**
 * An MLSD/MLST/MDTM time `YYYYMMDDHHMMSS[.sss]` (always UTC, RFC 3659) as
 * milliseconds since the epoch, with second or millisecond precision.
 */
export function parseMlsdTime(value: string): ListingTime | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction] = match;
  const parts: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    zoneMinutes: 0,
  };
  if (fraction !== undefined) parts.millisecond = fractionToMilliseconds(fraction);
  return listTime(parts);
}
