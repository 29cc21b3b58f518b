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
import { editHandlers } from '../api/handlers/edit';
import { siteHandlers } from '../api/handlers/sites';
import { forwardTransferEvents, transfersHandlers } from '../api/handlers/transfers';
import { uploadsHandlers } from '../api/handlers/uploads';
import { createRouter, type Router } from '../api/router';
import type { HandlerTable } from '../api/types';
import { hubAsker } from '../remote/asker';
import type { ConnectionSpec } from '../remote/connection-spec';
import { openRemote } from '../remote/open-remote';
import { PromptHub } from '../remote/prompts';
import { quickConnectSpec } from '../remote/quick-connect';
import { SessionManager } from '../remote/sessions';
import { TrustOnceMemory } from '../remote/trust-once-memory';
import { siteSpec } from '../remote/site-spec';
import { openSiteServices, type Keyring, type SiteServices } from '../sites';
import { TransferEngine } from '../transfer/engine';
import { UploadStaging } from '../uploads/upload-staging';
import { EditService } from '../edit/edit-service';
import { openWithSystemApp, type OpenFile } from '../edit/system-opener';
import { transferOpener } from '../remote/transfer-opener';
import { FerryError } from '../../shared/errors';
import { baseNameRemote, parentOfRemote } from '../../shared/paths/remote-path';
import { limitsFrom, siteTransferSettings, withSettingsDefaults } from './transfer-settings';

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
  /** Opens a local file with the system's app (Electron: `shell.openPath`). */
  openFile?: OpenFile;
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
  const trustOnce = new TrustOnceMemory();

  const open = (spec: ConnectionSpec) => {
    const settings = sites.settings.get();
    const { timeouts, activePortRange } = settings;
    return openRemote(trustOnce.apply(spec), {
      ftp: {
        defaultDataMode: settings.transferModeDefault,
        ...(activePortRange ? { activePortRange: [activePortRange.from, activePortRange.to] as [number, number] } : {}),
        ...(settings.activeExternalAddress ? { activeExternalAddress: settings.activeExternalAddress } : {}),
      },
      trustStore: sites.trust,
      asker: trustOnce.wrap(hubAsker(prompts)),
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

  const transfers = await TransferEngine.open({
    dataDir: options.dataDir,
    openConnection: transferOpener({ sessions, sites, open }),
    limits: limitsFrom(sites.settings.get()),
    siteSettings: (transferKey) => siteTransferSettings(sites, transferKey),
    defaults: { preserveTimestamps: sites.settings.get().preserveTimestamps },
  });
  const stopForwarding = forwardTransferEvents(transfers, events.emit);
  const stopFollowingSettings = sites.settings.onChange((settings) => transfers.setLimits(limitsFrom(settings)));
  const transferHandlers = transfersHandlers(transfers);
  // Files dropped from the operating system in a browser: staged under the data folder, then queued like any upload.
  const uploads = await UploadStaging.open({
    dataDir: options.dataDir,
    queue: {
      enqueue: (batch) => transfers.enqueue(withSettingsDefaults(batch, sites.settings.get())),
      batch: (id) => transfers.batch(id),
      on: (name, listener) => transfers.on(name, listener),
    },
  });

  const edits = new EditService({
    sessions,
    openFile: options.openFile ?? openWithSystemApp,
    emit: events.emit,
    async upload(transferKey, localPath, remotePath) {
      const folder = parentOfRemote(remotePath) ?? '/';
      const batch = await transfers.enqueue({
        site: transferKey,
        direction: 'upload',
        items: [{ kind: 'file', localPath, remotePath }],
        label: `Edited ${baseNameRemote(remotePath)} → ${folder}`,
        conflictPolicy: 'overwrite',
        skipIdentical: false,
      });
      const settled = await transfers.settled(batch.id);
      if (settled.counts.done !== 1) {
        const failed = transfers.page({ batchId: batch.id, view: 'failed' }).items[0];
        throw new FerryError(failed?.lastError?.code ?? 'INTERNAL', failed?.lastError?.message ?? 'The upload did not finish.');
      }
    },
  });

  const handlers: HandlerTable<MethodName> = {
    ...appHandlers({ name: packageJson.productName, version: packageJson.version }),
    ...localHandlers(),
    ...remoteHandlers(sessions),
    ...promptHandlers(prompts),
    ...siteHandlers(sites),
    ...transferHandlers,
    // New batches follow the settings (conflict action, identical files) unless the request says otherwise.
    'transfers.enqueue': (request, context) => transferHandlers['transfers.enqueue'](withSettingsDefaults(request, sites.settings.get()), context),
    ...editHandlers(edits),
    ...uploadsHandlers(uploads),
  };
  return {
    router: createRouter(handlers),
    events,
    sites,
    async close() {
      prompts.cancelAll();
      stopFollowingSettings();
      stopForwarding();
      await edits.closeAll();
      await uploads.close();
      await transfers.close();
      await sessions.closeAll();
    },
  };
}
