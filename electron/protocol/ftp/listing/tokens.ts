/** Splitting a LIST line into words while remembering where each one is. */

/** A run of non-blank characters and its position in the line. */
export interface Token {
  text: string;
  start: number;
  /** Index just after the token. */
  end: number;
}

/**
 * The blank-separated words of `line` (spaces and tabs), at most `limit` of them.
 * Positions let a parser take the rest of the line verbatim as the name, so
 * names keep their inner and leading spaces.
 */
export function tokenize(line: string, limit = Infinity): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const length = line.length;
  while (i < length && tokens.length < limit) {
    while (i < length && isBlank(line.charCodeAt(i))) i++;
    if (i >= length) break;
    const start = i;
    while (i < length && !isBlank(line.charCodeAt(i))) i++;
    tokens.push({ text: line.slice(start, i), start, end: i });
  }
  return tokens;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Whether `text` is a plain decimal number. */
export function isDigits(text: string): boolean {
  return /^\d+$/.test(text);
}

/**
 * A byte count as servers print it: `1024`, or with thousands separators
 * (`1,024`, `1.024`, `1'024`, `1 024` is not supported: a space separates columns).
 * `null` when it is not one.
 */
export function parseSize(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d{1,3}(?:([,.'])\d{3})(?:\1\d{3})*$/.test(text)) return Number(text.replace(/[,.']/g, ''));
  return null;
}
