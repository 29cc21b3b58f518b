/**
 * Ferry's transfer engine: the queue, its scheduler and everything that moves
 * bytes, as a plain-Node service. Build one with `TransferEngine.open`.
 */
export { TransferEngine } from './engine';
export {
  BUILT_IN_DEFAULTS,
  DEFAULT_CONNECTIONS_PER_SITE,
  DEFAULT_GLOBAL_CONNECTIONS,
  MAX_CONNECTIONS_PER_SITE,
  type EngineTuning,
  type EnqueueBatch,
  type EnqueueEntry,
  type SiteTransferSettings,
  type TransferDefaults,
  type TransferEngineOptions,
} from './engine-options';
export type { OpenConnection } from './connection-pool';
export type { TransferEventMap } from './events';
export { defaultRetryPolicy, isHealable, type RetryPolicy } from './retry-policy';
