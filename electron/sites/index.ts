/**
 * The site manager's public API for the rest of the main process (engines,
 * CLI, composition root). Everything here runs under plain Node.
 */
export { openSiteServices } from './site-services';
export type { ExportRequest, SettingsAccess, SiteServices, SiteServicesOptions } from './site-services';
export type { ConnectionPlan, SiteConnectionOptions } from './connection-options';
export type { CreateSiteRequest, ResolvedConnection, SitesService, UpdateSiteRequest } from './sites-service';
export type { ResolvedSiteReference } from './tree/resolve-reference';
export { escapeSiteName, joinSitePath, parseSiteReference, SITE_REFERENCE_PREFIX, splitSitePath } from './tree/site-path';
export type { Keyring } from './secrets/keyring';
export type { SecretVault } from './secrets/vault';
export type { FileTrustStore, TrustSelector } from './trust/file-trust-store';
export type { RecentConnections, RecentTarget } from './recent-connections';
export { DEFAULT_SETTINGS } from './settings-service';
export { DEFAULT_SITE_FIELDS, effectivePort } from './sites-file';
export { readSiteFile, writeSiteFile } from './exchange/site-files';
