/**
 * The server half of the message protocol, independent of what carries the
 * messages. The WebSocket host and the in-memory transport both use it, so
 * the contract tests exercise the same code the browser talks to.
 */
import type { CallResult, ServerMessage } from '../../shared/rpc/messages';
import type { EventHub } from '../api/event-hub';
import type { Router } from '../api/router';
import type { CallContext } from '../api/types';

/** One connected client as the server sees it. */
export interface WireSession {
  /** Handle one text frame from the client. */
  receive(text: string): void;
  /** Stop sending to this client (it went away). */
  close(): void;
}

/** Serves `router` and `events` to one client that is reached through `send`. */
export function serveWire(
  core: { router: Router; events: EventHub },
  context: CallContext,
  send: (text: string) => void,
): WireSession {
  let open = true;
  const post = (message: ServerMessage): void => {
    if (open) send(JSON.stringify(message));
  };
  const unsubscribe = core.events.subscribe((name, payload) => post({ t: 'event', name, payload }));

  return {
    receive(text) {
      const call = parseCall(text);
      if (call === null) return; // Not a call at all: nothing to answer, nothing to run.
      if ('invalid' in call) {
        post({ t: 'result', id: call.id, ...call.invalid });
        return;
      }
      void core.router.call(call.method, call.input, context).then((result) => post({ t: 'result', id: call.id, ...result }));
    },
    close() {
      open = false;
      unsubscribe();
    },
  };
}

type ParsedCall = { id: number; method: unknown; input: unknown } | { id: number; invalid: CallResult };

/** Reads a `{ t: 'call', id, method, input }` frame; garbage is dropped or answered, never thrown. */
function parseCall(text: string): ParsedCall | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as Record<string, unknown>;
  const id = frame.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  if (frame.t !== 'call') {
    return { id, invalid: { ok: false, error: { code: 'INVALID_INPUT', message: 'Ferry only accepts calls on this channel.' } } };
  }
  return { id, method: frame.method, input: frame.input };
}
