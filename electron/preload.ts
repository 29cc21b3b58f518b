/**
 * The bridge between the sandboxed renderer and the main process. It exposes
 * exactly one function per contract method and a subscription to contract
 * events — never `ipcRenderer` itself, never a generic send (checklist item 6).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, isEventName, METHOD_NAMES } from '../shared/contract';

const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of METHOD_NAMES) {
  methods[method] = (input) => ipcRenderer.invoke(method, input);
}

contextBridge.exposeInMainWorld('ferryBridge', {
  methods,
  /** Listen to one contract event; returns a function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`Ferry has no event called ${event}.`);
    const handler = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => ipcRenderer.removeListener(event, handler);
  },
  events: [...EVENT_NAMES],
});
