/**
 * Saved sites as the renderer knows them: the tree, the state of saved
 * passwords (keyring / master password, locked or not), files Ferry kept
 * aside at start-up, recent quick connections, and whether the site manager
 * is open. Events (`sites.changed`, `secrets.changed`) are applied here,
 * outside React. Passwords never pass through this store: the main process
 * keeps them and says only `hasPassword`.
 */
import { create } from 'zustand';
import type { RecentConnection, SecretsStatus, SiteTree, StorageProblem } from '../../shared/contract/sites';
import { FerryError } from '../../shared/errors';
import { api } from '../api';
import { connect } from './sessions';

/** A request to enter the master password, with what to do once it is right. */
export interface UnlockRequest {
  /** Why Ferry asks, e.g. "Connecting to “Example” needs its saved password." */
  reason: string;
  /**
   * Runs after a successful unlock (the action that was refused with `LOCKED`).
   * It reports its own errors: the question is gone by the time it runs.
   */
  retry?: () => Promise<unknown>;
}

/** See the module comment. */
export interface SitesState {
  tree: SiteTree | null;
  /** Why the tree could not be read, if it could not. */
  treeError: string | null;
  secrets: SecretsStatus | null;
  problems: StorageProblem[];
  recent: RecentConnection[];
  managerOpen: boolean;
  unlock: UnlockRequest | null;
}

/** The sites store. */
export const useSites = create<SitesState>()(() => ({
  tree: null,
  treeError: null,
  secrets: null,
  problems: [],
  recent: [],
  managerOpen: false,
  unlock: null,
}));

/** Fetches the tree again (after `sites.changed`, or after a change this window made). */
export async function refreshTree(): Promise<void> {
  try {
    const tree = await api().call('sites.tree', {});
    useSites.setState({ tree, treeError: null });
  } catch (error) {
    useSites.setState({ treeError: error instanceof Error ? error.message : String(error) });
  }
}

/** First load: tree, password state and storage problems. Never rejects: what failed is left empty (the tree says why). */
export async function loadSites(): Promise<void> {
  await Promise.all([
    refreshTree(),
    api()
      .call('secrets.status', {})
      .then(applySecretsStatus, () => {}),
    api()
      .call('sites.problems', {})
      .then((problems) => useSites.setState({ problems }), () => {}),
  ]);
}

/** Applies a `secrets.changed` event (or a status a call returned). */
export function applySecretsStatus(status: SecretsStatus): void {
  useSites.setState({ secrets: status });
}

/** Opens the site manager. */
export function openSiteManager(): void {
  useSites.setState({ managerOpen: true });
  void refreshTree();
}

/** Closes the site manager. */
export function closeSiteManager(): void {
  useSites.setState({ managerOpen: false });
}

/** Asks for the master password; `retry` runs once it is entered. */
export function requestUnlock(request: UnlockRequest): void {
  useSites.setState({ unlock: request });
}

/** Closes the master-password question without unlocking. */
export function dismissUnlock(): void {
  useSites.setState({ unlock: null });
}

/**
 * Enters the master password. Rejects with the API's error when it is wrong
 * (the dialog shows it); on success closes the question and runs its retry.
 */
export async function unlockSecrets(password: string): Promise<void> {
  const status = await api().call('secrets.unlock', { password });
  applySecretsStatus(status);
  const retry = useSites.getState().unlock?.retry;
  useSites.setState({ unlock: null });
  // A retry shows its own errors where it runs; one that escapes has nowhere left to go but the console.
  if (retry) await retry().catch((error: unknown) => console.error('Retry after unlocking failed:', error));
}

/** Forgets the master key until the master password is entered again. */
export async function lockSecrets(): Promise<void> {
  applySecretsStatus(await api().call('secrets.lock', {}));
}

/**
 * Runs `action`; when the main process refuses it with `LOCKED` (a saved
 * password is needed and the master password was not entered), asks for the
 * master password and runs it again afterwards, handing a failure of that
 * second run to `onRetryError`. Other errors of the first run are rethrown.
 * Resolves to `undefined` when it had to ask.
 */
export async function withUnlock<T>(reason: string, action: () => Promise<T>, onRetryError: (error: unknown) => void): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof FerryError && error.code === 'LOCKED') {
      requestUnlock({ reason, retry: () => action().catch(onRetryError) });
      return undefined;
    }
    throw error;
  }
}

/**
 * Connects to a saved site and opens its tab; never rejects (a failure shows
 * under the quick-connect bar). The manager closes first, as in FileZilla.
 * When the site's saved password is locked away, the connect fails with
 * `LOCKED`; then Ferry asks for the master password and connects again.
 */
export async function connectToSite(siteId: string, siteName: string): Promise<void> {
  closeSiteManager();
  const session = await connect({ siteId });
  if (session) return;
  // `connect` keeps only the message (shown under the quick-connect bar); the
  // password state tells whether it was the lock that stopped it.
  const [status, site] = await Promise.all([
    api().call('secrets.status', {}).catch(() => null),
    api().call('sites.get', { id: siteId }).catch(() => null),
  ]);
  if (status) applySecretsStatus(status);
  if (status?.locked && site && (site.hasPassword || site.hasKeyPassphrase)) {
    requestUnlock({ reason: `Connecting to “${siteName}” needs its saved password.`, retry: () => connectToSite(siteId, siteName) });
  }
}

/** Fetches the recent quick connections. */
export async function loadRecent(): Promise<void> {
  useSites.setState({ recent: await api().call('sites.recent', {}) });
}

/** Forgets the recent quick connections. */
export async function clearRecent(): Promise<void> {
  await api().call('sites.clearRecent', {});
  useSites.setState({ recent: [] });
}
