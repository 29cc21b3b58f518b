/**
 * The client half of the message protocol, independent of what carries the
 * messages (a browser WebSocket, Node's `ws`, or an in-memory pipe).
 */
import type { ClientTransport } from './api';
import type { CallResult, ServerMessage } from './messages';

/** What a message channel must offer the client. */
export interface MessageChannel {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  onClose(listener: (reason: string) => void): void;
}

/** A {@link ClientTransport} over a {@link MessageChannel}. */
export function createWireClient(channel: MessageChannel): ClientTransport {
  let nextId = 1;
  let closedReason: string | null = null;
  const pending = new Map<number, (result: CallResult) => void>();
  const subscribers = new Set<(name: string, payload: unknown) => void>();

  channel.onMessage((text) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return; // A malformed frame from the main side is ignored rather than crashing the UI.
    }
    if (message.t === 'result') {
      const settle = pending.get(message.id);
      pending.delete(message.id);
      settle?.(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
    } else if (message.t === 'event') {
      for (const subscriber of subscribers) subscriber(message.name, message.payload);
    }
  });

  channel.onClose((reason) => {
    closedReason = reason;
    for (const settle of pending.values()) settle(lostConnection(reason));
    pending.clear();
  });

  return {
    invoke(method, input) {
      if (closedReason !== null) return Promise.resolve(lostConnection(closedReason));
      const id = nextId++;
      return new Promise<CallResult>((resolve) => {
        pending.set(id, resolve);
        channel.send(JSON.stringify({ t: 'call', id, method, input }));
      });
    },
    subscribe(listener) {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
  };
}

function lostConnection(reason: string): CallResult {
  return {
    ok: false,
    error: { code: 'CONNECTION_LOST', message: `Lost the connection to Ferry's main process (${reason}).` },
  };
}
