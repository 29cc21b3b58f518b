/**
 * The renderer's one handle on Ferry's API, whichever transport carries it.
 */
import { createApi, type FerryApi } from '../../shared/rpc/api';
import { bridgeTransport, findBridge } from './bridge';
import { connectWebSocket, takeToken } from './websocket';

let current: FerryApi | null = null;

/** Connects through the Electron bridge when present, else the browser-mode WebSocket. */
export async function connectApi(): Promise<FerryApi> {
  const bridge = findBridge();
  if (bridge) {
    current = createApi(bridgeTransport(bridge));
    return current;
  }
  const token = takeToken();
  if (!token) {
    throw new Error('This page was opened without its access token. Open the exact address that `npm run web` printed.');
  }
  current = createApi(await connectWebSocket(token));
  return current;
}

/** The connected API. Call only after {@link connectApi} resolved (the app renders after that). */
export function api(): FerryApi {
  if (!current) throw new Error('Ferry API used before it was connected.');
  return current;
}
