/**
 * An in-memory transport: the same message protocol as the WebSocket, without
 * a socket. Used by tests and by anything in-process that wants the API.
 */
import type { ClientTransport } from '../../shared/rpc/api';
import { createWireClient } from '../../shared/rpc/wire-client';
import type { EventHub } from '../api/event-hub';
import type { Router } from '../api/router';
import { serveWire } from './wire-server';

/** A client transport connected straight to `core`. `disconnect()` simulates the channel closing. */
export function connectInMemory(core: { router: Router; events: EventHub }): ClientTransport & { disconnect(): void } {
  let toClient: (text: string) => void = () => {};
  let onClose: (reason: string) => void = () => {};
  // Deliver asynchronously, as a real channel would, so ordering bugs show up in tests.
  const session = serveWire(core, { transport: 'memory' }, (text) => queueMicrotask(() => toClient(text)));
  const client = createWireClient({
    send: (text) => queueMicrotask(() => session.receive(text)),
    onMessage: (listener) => {
      toClient = listener;
    },
    onClose: (listener) => {
      onClose = listener;
    },
  });
  return {
    ...client,
    disconnect() {
      session.close();
      onClose('disconnected');
    },
  };
}
