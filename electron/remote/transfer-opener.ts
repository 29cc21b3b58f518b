/**
 * Opens transfer connections for the queue by its server keys. A server the
 * pane is connected to lends its spec (and so the password the user typed);
 * otherwise saved sites are looked up, and quick connections ask again.
 */
import type { RemoteFs } from '../protocol/remote-fs';
import type { SiteServices } from '../sites';
import type { ConnectionSpec } from './connection-spec';
import type { SessionManager } from './sessions';
import { siteSpec } from './site-spec';
import { parseTransferKey, quickSpecFromKey } from './transfer-key';

/** The transfer engine's `openConnection`. */
export function transferOpener(deps: {
  sessions: SessionManager;
  sites: SiteServices;
  open(spec: ConnectionSpec): Promise<RemoteFs>;
}): (transferKey: string) => Promise<RemoteFs> {
  return async (transferKey) => {
    const lent = deps.sessions.specFor(transferKey);
    if (lent) return deps.open(lent);
    const key = parseTransferKey(transferKey);
    const spec = key.kind === 'site' ? siteSpec(await deps.sites.sites.connectionOptionsFor(key.siteId)) : quickSpecFromKey(key);
    return deps.open(spec);
  };
}
