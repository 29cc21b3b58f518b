/** Finds the site a `site:Folder/Name/path` reference means. */
import { FerryError } from '../../../shared/errors';
import type { SitesDocument, StoredSite } from '../sites-file';
import { childrenOf, sameName } from './site-tree';
import { remotePathFor, splitSitePath } from './site-path';

/** A reference looked up in the tree. */
export interface ResolvedSiteReference {
  site: StoredSite;
  /**
   * The remote path: absolute, or relative to the login folder when the site
   * has no default remote folder; `null` when the reference named only the
   * site (use the site's default remote folder, if any).
   */
  remotePath: string | null;
}

/**
 * Looks up `body` (the text after `site:`): folder names from the top, then a
 * site name, then the remote path. Names match as {@link sameName} says.
 * Throws `NOT_FOUND` naming the part that matched nothing.
 */
export function resolveSiteReference(document: SitesDocument, body: string): ResolvedSiteReference {
  const segments = splitSitePath(body);
  let deepest = 0;

  const walk = (parentId: string | null, index: number): ResolvedSiteReference | null => {
    const segment = segments[index];
    if (!segment) return null;
    deepest = Math.max(deepest, index);
    for (const node of childrenOf(document, parentId).filter((n) => sameName(n.name, segment.name))) {
      if (node.kind === 'site') {
        const site = document.sites.find((s) => s.id === node.id)!;
        return { site, remotePath: remotePathFor(body.slice(segment.rest), site.remoteFolder) };
      }
      const inside = walk(node.id, index + 1);
      if (inside) return inside;
    }
    return null;
  };

  const found = walk(null, 0);
  if (found) return found;
  const missing = segments[deepest]?.name ?? '';
  const within = segments
    .slice(0, deepest)
    .map((s) => s.name)
    .join('/');
  throw new FerryError(
    'NOT_FOUND',
    missing === ''
      ? `"site:${body}" does not name a site. Write it as site:Folder/Site/path.`
      : `There is no site or folder called "${missing}"${within ? ` in "${within}"` : ''} in the site manager.`,
  );
}
