/**
 * The typed API the renderer (and tests, and tools) hold, whatever carries it.
 */
import type { EventName, EventPayload, Input, MethodName, Output } from '../contract';
import type { CallResult } from './messages';
import { FerryError } from '../errors';

/** Ferry's API as the renderer sees it. Rejects with {@link FerryError}. */
export interface FerryApi {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The two things a transport must do for {@link createApi}. */
export interface ClientTransport {
  /** Send one call and settle with its result; never rejects for API errors. */
  invoke(method: string, input: unknown): Promise<CallResult>;
  /** Receive every event; returns a function that stops receiving. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** Wraps a transport into the typed {@link FerryApi}. */
export function createApi(transport: ClientTransport): FerryApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;

  const dispatch = (name: string, payload: unknown): void => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw new FerryError(result.error.code, result.error.message, result.error.detail);
      return result.value as Output<typeof method>;
    },
    on(event, listener) {
      unsubscribe ??= transport.subscribe(dispatch);
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
