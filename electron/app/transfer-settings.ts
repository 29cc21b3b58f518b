/**
 * How the settings store and saved sites steer the transfer engine: limits,
 * defaults for new batches, and each site's own connection limit and
 * upload-to-temporary-name flag.
 */
import type { ConflictAction as SettingsConflictAction, Settings } from '../../shared/contract/sites';
import type { ConflictPolicy, EnqueueRequest } from '../../shared/contract/transfers';
import type { SiteServices } from '../sites';
import type { SiteTransferSettings } from '../transfer/engine-options';
import { parseTransferKey } from '../remote/transfer-key';

/** The settings' conflict words in the engine's terms. */
const CONFLICT_POLICY: Record<SettingsConflictAction, ConflictPolicy> = {
  ask: 'ask',
  overwrite: 'overwrite',
  'overwrite-if-newer': 'overwriteIfNewer',
  'overwrite-if-size-differs': 'overwriteIfSizeDiffers',
  'overwrite-if-size-differs-or-newer': 'overwriteIfSizeDiffersOrNewer',
  resume: 'resume',
  'keep-both': 'keepBoth',
  skip: 'skip',
};

/** Engine limits from the settings. `concurrentTransfers` is per server, as users read it. */
export function limitsFrom(settings: Settings) {
  return {
    speed: { download: settings.speedLimits.downloadKiBps * 1024, upload: settings.speedLimits.uploadKiBps * 1024 },
    connections: { perSite: settings.concurrentTransfers },
  };
}

/** A request with the settings' defaults filled in where the renderer left them out. */
export function withSettingsDefaults<R extends Pick<EnqueueRequest, 'conflictPolicy' | 'skipIdentical'>>(request: R, settings: Settings): R {
  return {
    ...request,
    conflictPolicy: request.conflictPolicy ?? CONFLICT_POLICY[settings.defaultConflictAction],
    skipIdentical: request.skipIdentical ?? settings.skipIdenticalFiles,
  };
}

/** A saved site's own transfer settings; quick connections use the defaults. */
export function siteTransferSettings(sites: SiteServices, transferKey: string): SiteTransferSettings {
  const settings = sites.settings.get();
  let key;
  try {
    key = parseTransferKey(transferKey);
  } catch {
    return { preserveTimestamps: settings.preserveTimestamps };
  }
  if (key.kind !== 'site') return { preserveTimestamps: settings.preserveTimestamps };
  const site = sites.sites.allSites().find((s) => s.id === key.siteId);
  if (!site) return { preserveTimestamps: settings.preserveTimestamps };
  return {
    ...(site.connectionLimit > 0 ? { maxConnections: site.connectionLimit } : {}),
    uploadTempName: site.uploadToTemporaryName,
    preserveTimestamps: settings.preserveTimestamps,
  };
}
