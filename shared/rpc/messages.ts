/**
 * The messages that carry the contract over a byte or message transport
 * (WebSocket, in-memory). Electron IPC carries the same call results through
 * `ipcRenderer.invoke` instead.
 */
import type { ApiError } from '../errors';

/** A request from the renderer. */
export interface CallMessage {
  t: 'call';
  id: number;
  method: string;
  input: unknown;
}

/** What a call settled to. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

/** The answer to a {@link CallMessage}. */
export type ResultMessage = { t: 'result'; id: number } & CallResult;

/** An event pushed from the main process. */
export interface EventMessage {
  t: 'event';
  name: string;
  payload: unknown;
}

/** Anything the main side sends. */
export type ServerMessage = ResultMessage | EventMessage;
