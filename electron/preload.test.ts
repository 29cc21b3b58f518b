import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES } from '../shared/contract';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
const on = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke, on, removeListener: vi.fn() },
}));

describe('preload bridge (checklist item 6)', () => {
  beforeEach(async () => {
    await import('./preload');
  });

  it('exposes one function per contract method and nothing generic', () => {
    expect(Object.keys(exposed)).toEqual(['ferryBridge']);
    const bridge = exposed.ferryBridge as { methods: Record<string, unknown>; on: unknown; events: string[] };
    expect(Object.keys(bridge).sort()).toEqual(['events', 'methods', 'on']);
    expect(Object.keys(bridge.methods).sort()).toEqual([...METHOD_NAMES].sort());
    expect(bridge.events).toEqual(EVENT_NAMES);
  });

  it('sends each method on its own channel', async () => {
    const bridge = exposed.ferryBridge as { methods: Record<string, (input: unknown) => Promise<unknown>> };
    await bridge.methods['local.home']!({});
    expect(invoke).toHaveBeenCalledWith('local.home', {});
  });

  it('refuses to subscribe to a channel that is not a contract event', () => {
    const bridge = exposed.ferryBridge as { on(event: string, listener: () => void): () => void };
    expect(() => bridge.on('ipc-internal', () => {})).toThrow();
    expect(on).not.toHaveBeenCalled();
    bridge.on('app.log', () => {});
    expect(on).toHaveBeenCalledWith('app.log', expect.any(Function));
  });
});
