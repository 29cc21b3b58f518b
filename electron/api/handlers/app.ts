/** Handlers of `app.*` methods. */
import type { appMethods } from '../../../shared/contract/app';
import type { HandlerTable } from '../types';

/** Facts about this build that `app.info` reports. */
export interface AppFacts {
  name: string;
  version: string;
}

/** Builds the `app.*` handlers. */
export function appHandlers(facts: AppFacts): HandlerTable<keyof typeof appMethods> {
  return {
    'app.info': async (_input, context) => ({
      name: facts.name,
      version: facts.version,
      platform: process.platform,
      transport: context.transport,
    }),
  };
}
