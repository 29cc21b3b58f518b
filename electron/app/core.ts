/**
 * The composition root: builds every service once and the router over them.
 * Electron's main.ts, browser mode and the tests all start Ferry through here,
 * so they run the same code.
 */
import packageJson from '../../package.json';
import type { MethodName } from '../../shared/contract';
import type { ConnectTarget } from '../../shared/contract/remote';
import { createEventHub, type EventHub } from '../api/event-hub';
import { appHandlers } from '../api/handlers/app';
import { localHandlers } from '../api/handlers/local';
import { promptHandlers } from '../api/handlers/prompts';
import { remoteHandlers } from '../api/handlers/remote';
import { siteHandlers } from '../api/handlers/sites';
import { createRouter, type Router } from '../api/router';
import type { HandlerTable } from '../api/types';
import { hubAsker } from '../remote/asker';
import type { ConnectionSpec } from '../remote/connection-spec';
import { openRemote } from '../remote/open-remote';
import { PromptHub } from '../remote/prompts';
import { quickConnectSpec } from '../remote/quick-connect';
import { SessionManager } from '../remote/sessions';
import { siteSpec } from '../remote/site-spec';
import { openSiteServices, type Keyring, type SiteServices } from '../sites';

/** A running Ferry back end, not yet attached to any transport. */
export interface FerryCore {
  router: Router;
  events: EventHub;
  sites: SiteServices;
  /** Stops services (connections, queue) cleanly. */
  close(): Promise<void>;
}

/** Options for {@link createFerryCore}. */
export interface FerryCoreOptions {
  /** Where Ferry keeps its files (sites, queue, trust). */
  dataDir: string;
  /** Electron's `safeStorage`, when running in Electron. */
  keyring?: Keyring | null;
  /** Where exports that include passwords are written (Electron: the Downloads folder). */
  exportDir?: string;
}

/** Builds the services and the router. */
export async function createFerryCore(options: FerryCoreOptions): Promise<FerryCore> {
  const events = createEventHub();
  const sites = await openSiteServices({
    dataDir: options.dataDir,
    keyring: options.keyring ?? null,
    emit: events.emit,
    ...(options.exportDir ? { exportDir: options.exportDir } : {}),
  });
  const prompts = new PromptHub(events.emit);

  const open = (spec: ConnectionSpec) => {
    const settings = sites.settings.get();
    const { timeouts, activePortRange } = settings;
    return openRemote(spec, {
      ftp: {
        defaultDataMode: settings.transferModeDefault,
        ...(activePortRange ? { activePortRange: [activePortRange.from, activePortRange.to] as [number, number] } : {}),
        ...(settings.activeExternalAddress ? { activeExternalAddress: settings.activeExternalAddress } : {}),
      },
      trustStore: sites.trust,
      asker: hubAsker(prompts),
      log: (line) => events.emit('app.log', line),
      timeouts: { connectMs: timeouts.connectSeconds * 1000, replyMs: timeouts.replySeconds * 1000, dataIdleMs: timeouts.dataIdleSeconds * 1000 },
    });
  };
  const resolve = async (target: ConnectTarget): Promise<ConnectionSpec> => {
    if ('siteId' in target) return siteSpec(await sites.sites.connectionOptionsFor(target.siteId));
    const spec = quickConnectSpec(target.quick);
    // Remembered without the password, for the recent-connections list.
    void sites.recent.record({ protocol: spec.protocol, encryption: spec.encryption, host: spec.host, port: spec.port, user: spec.user }).catch(() => {});
    return spec;
  };
  const sessions = new SessionManager({ open, resolve, emit: events.emit });

  const handlers: HandlerTable<MethodName> = {
    ...appHandlers({ name: packageJson.productName, version: packageJson.version }),
    ...localHandlers(),
    ...remoteHandlers(sessions),
    ...promptHandlers(prompts),
    ...siteHandlers(sites),
  };
  return {
    router: createRouter(handlers),
    events,
    sites,
    async close() {
      prompts.cancelAll();
      await sessions.closeAll();
    },
  };
}
