/** Checks what the CLI passes in, which the router's schemas did not check. */
import iconv from 'iconv-lite';
import * as z from 'zod';
import { ItemName, SiteFieldsPatch, type SiteFields } from '../../shared/contract/sites';
import { FerryError } from '../../shared/errors';

/** Checks a name from a caller the router did not validate (the CLI). */
export function checkName(name: string): string {
  const result = ItemName.safeParse(name);
  if (!result.success) throw new FerryError('INVALID_INPUT', `"${name}" cannot be used as a name: ${result.error.issues[0]?.message}.`);
  return result.data;
}

/** Checks site fields (the CLI's too) and that the charset is one Ferry can convert. */
export function checkFields(fields: Partial<SiteFields>): Partial<SiteFields> {
  const result = SiteFieldsPatch.safeParse(fields);
  if (!result.success) throw new FerryError('INVALID_INPUT', 'Some site settings are not valid.', z.prettifyError(result.error));
  const charset = result.data.charset;
  if (charset !== undefined && charset !== 'auto' && !iconv.encodingExists(charset)) {
    throw new FerryError('INVALID_INPUT', `Ferry does not know the character set "${charset}". Try "auto", "utf-8" or "windows-1252".`);
  }
  return result.data;
}
