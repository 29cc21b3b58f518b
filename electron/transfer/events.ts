/**
 * The engine's events: a tiny typed emitter, so a listener that throws cannot
 * break the engine and event names are checked by the compiler.
 */
import type {
  BatchesChanged,
  ConflictRequest,
  ItemsChanged,
  ProgressUpdate,
} from '../../shared/contract/transfers';
import type { ApiError } from '../../shared/errors';

/** Every event the engine emits, with its payload. */
export interface TransferEventMap {
  /** About ten a second while anything moves: active items and changed batches. */
  progress: ProgressUpdate;
  /** Items whose state changed (or `resync`). */
  items: ItemsChanged;
  /** Batches added or removed. */
  batches: BatchesChanged;
  /** A batch's open conflicts, re-sent whole whenever they change. */
  conflict: ConflictRequest;
  /** A problem of the engine itself (the queue could not be saved). */
  error: ApiError;
}

/** Subscribe with `on`; the returned function unsubscribes. */
export class TransferEvents {
  private readonly listeners = new Map<keyof TransferEventMap, Set<(payload: never) => void>>();

  /** Calls `listener` for each `name` event until the returned function is called. */
  on<K extends keyof TransferEventMap>(name: K, listener: (payload: TransferEventMap[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Sends `payload` to every listener of `name`. */
  emit<K extends keyof TransferEventMap>(name: K, payload: TransferEventMap[K]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        (listener as (payload: TransferEventMap[K]) => void)(payload);
      } catch {
        // A broken listener (a closed window) must not stop the queue.
      }
    }
  }
}
