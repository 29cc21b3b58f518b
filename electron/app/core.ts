/**
 * The composition root: builds every service once and the router over them.
 * Electron's main.ts, browser mode and the tests all start Ferry through here,
 * so they run the same code.
 */
import packageJson from '../../package.json';
import type { MethodName } from '../../shared/contract';
import { createEventHub, type EventHub } from '../api/event-hub';
import { appHandlers } from '../api/handlers/app';
import { localHandlers } from '../api/handlers/local';
import { createRouter, type Router } from '../api/router';
import type { HandlerTable } from '../api/types';

/** A running Ferry back end, not yet attached to any transport. */
export interface FerryCore {
  router: Router;
  events: EventHub;
  /** Stops services (connections, queue) cleanly. */
  close(): Promise<void>;
}

/** Options for {@link createFerryCore}. */
export interface FerryCoreOptions {
  /** Where Ferry keeps its files (sites, queue, trust). */
  dataDir: string;
}

/** Builds the services and the router. */
export async function createFerryCore(_options: FerryCoreOptions): Promise<FerryCore> {
  const events = createEventHub();
  const handlers: HandlerTable<MethodName> = {
    ...appHandlers({ name: packageJson.productName, version: packageJson.version }),
    ...localHandlers(),
  };
  return {
    router: createRouter(handlers),
    events,
    async close() {},
  };
}
