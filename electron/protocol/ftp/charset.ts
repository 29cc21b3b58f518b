/**
 * Turning command text into bytes and reply/listing bytes into text, in the site's
 * charset. UTF-8 (RFC 2640) is the default; servers that do not speak it may be
 * set to windows-1252, GBK, Shift_JIS, … (anything iconv-lite knows).
 */
import iconv from 'iconv-lite';
import { FerryError } from '../../../shared/errors';

/** A charset in use on a connection. */
export interface Charset {
  /** The name as configured, e.g. `utf-8`. */
  readonly name: string;
  /** True for UTF-8: `OPTS UTF8 ON` is sent when the server lists UTF8. */
  readonly isUtf8: boolean;
  encode(text: string): Buffer;
  decode(bytes: Buffer): string;
}

/** The charset called `name`; INVALID_INPUT when iconv-lite does not know it. */
export function charsetFor(name = 'utf-8'): Charset {
  const normalized = name.trim().toLowerCase();
  if (normalized === 'utf-8' || normalized === 'utf8') {
    return {
      name: 'utf-8',
      isUtf8: true,
      encode: (text) => Buffer.from(text, 'utf8'),
      decode: (bytes) => bytes.toString('utf8'),
    };
  }
  if (!iconv.encodingExists(normalized)) {
    throw new FerryError('INVALID_INPUT', `Ferry does not know the charset "${name}".`);
  }
  return {
    name: normalized,
    isUtf8: false,
    encode: (text) => iconv.encode(text, normalized),
    decode: (bytes) => iconv.decode(bytes, normalized),
  };
}
