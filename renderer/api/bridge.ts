/**
 * The Electron preload's bridge, when Ferry runs in its desktop window.
 * Its shape is set by electron/preload.ts.
 */
import type { ClientTransport } from '../../shared/rpc/api';
import type { CallResult } from '../../shared/rpc/messages';

/** What electron/preload.ts exposes as `window.ferryBridge`. */
export interface FerryBridge {
  methods: Record<string, (input: unknown) => Promise<CallResult>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  events: string[];
}

/** The bridge when running inside Electron, else `undefined`. */
export function findBridge(): FerryBridge | undefined {
  return (window as unknown as { ferryBridge?: FerryBridge }).ferryBridge;
}

/** A client transport over the preload bridge. */
export function bridgeTransport(bridge: FerryBridge): ClientTransport {
  return {
    invoke(method, input) {
      const call = bridge.methods[method];
      if (!call) {
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Ferry has no method called ${method}.` } });
      }
      return call(input);
    },
    subscribe(listener) {
      const stops = bridge.events.map((name) => bridge.on(name, (payload) => listener(name, payload)));
      return () => stops.forEach((stop) => stop());
    },
  };
}
