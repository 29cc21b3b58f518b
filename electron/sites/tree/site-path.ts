/**
 * Site paths and `site:` references, for the CLI and for display.
 *
 * A site path names folders and a site from the top: `Work/Clients/Shop`.
 * A name that contains `/` or `\` is escaped with a backslash (`A\/B`), as
 * FileZilla does in its own site paths.
 *
 * A reference adds a remote path: `site:Work/Shop/img/logo.png`. What follows
 * the site is a path relative to the site's default remote folder (or to the
 * login folder when it has none); after a double slash it is absolute:
 * `site:Work/Shop//var/www`.
 */

/** The prefix that marks a site reference on a command line. */
export const SITE_REFERENCE_PREFIX = 'site:';

/** Escapes one name for a site path. */
export function escapeSiteName(name: string): string {
  return name.replace(/[\\/]/g, (c) => `\\${c}`);
}

/** Joins names into a site path. */
export function joinSitePath(names: readonly string[]): string {
  return names.map(escapeSiteName).join('/');
}

/** One name of a site path and where the text after it starts. */
export interface SitePathSegment {
  name: string;
  /** Index in the source text just past this segment's separating `/` (or the end). */
  rest: number;
}

/**
 * Splits a site path into names, undoing the escapes. Each segment also says
 * where the text after it starts, so a caller can stop at any name and take
 * the rest verbatim (the remote path of a reference). A trailing backslash
 * is taken literally.
 */
export function splitSitePath(text: string): SitePathSegment[] {
  const segments: SitePathSegment[] = [];
  let name = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && (text[i + 1] === '/' || text[i + 1] === '\\')) {
      name += text[++i];
    } else if (c === '/') {
      segments.push({ name, rest: i + 1 });
      name = '';
    } else {
      name += c;
    }
  }
  segments.push({ name, rest: text.length });
  return segments;
}

/** The parts of a `site:` reference, before it is looked up. */
export interface SiteReferenceText {
  /** The text after `site:`. */
  body: string;
}

/** `{ body }` when `text` is a `site:` reference, else `null` (an ordinary local path or URL). */
export function parseSiteReference(text: string): SiteReferenceText | null {
  return text.startsWith(SITE_REFERENCE_PREFIX) ? { body: text.slice(SITE_REFERENCE_PREFIX.length) } : null;
}

/**
 * The remote path a reference means, given what followed the site's name and
 * the site's default remote folder: `null` for "the default folder".
 */
export function remotePathFor(after: string, defaultRemoteFolder: string): string | null {
  if (after === '') return null;
  if (after.startsWith('/')) return after;
  const base = defaultRemoteFolder.replace(/\/+$/, '');
  return defaultRemoteFolder === '' ? after : `${base}/${after}`;
}
