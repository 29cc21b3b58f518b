/**
 * The CLI's context over the site manager: `site:` references resolved
 * through the saved sites (unlocking saved passwords when a master password
 * locks them), the trust store the app uses, and the services `ferry sites`
 * works on. electron/cli.ts and the tests build the context the same way.
 */
import { siteSpec } from '../../remote/site-spec';
import type { SiteServices } from '../../sites';
import type { CliContext } from '../connect';
import { withUnlockedSecrets } from './secret-input';

/** A {@link CliContext} whose sites, trust and `site:` references come from `services`. */
export function siteCliContext(services: SiteServices, base: Pick<CliContext, 'io' | 'stderr' | 'env'>): CliContext {
  return {
    ...base,
    trustStore: services.trust,
    sites: services,
    async resolveSite(ref) {
      const resolved = await withUnlockedSecrets(services.secrets, base, () => services.sites.connectionForReference(ref.reference));
      return { spec: siteSpec(resolved.plan), remotePath: resolved.remotePath ?? (resolved.site.remoteFolder || null) };
    },
  };
}
