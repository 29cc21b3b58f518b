/**
 * Browser mode: the API over a WebSocket to the server that served this page.
 * The token comes from the URL fragment once, then lives in sessionStorage so
 * a reload keeps working and the address bar no longer shows it.
 */
import type { ClientTransport } from '../../shared/rpc/api';
import { createWireClient } from '../../shared/rpc/wire-client';

const TOKEN_KEY = 'ferry.token';

/** Reads the token from `#token=…` (and removes it from the address bar) or from this tab's storage. */
export function takeToken(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Opens the socket; resolves once it is open, rejects with a sentence when it cannot. */
export function connectWebSocket(token: string): Promise<ClientTransport> {
  const socket = new WebSocket(`ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => {
      resolve(
        createWireClient({
          send: (text) => socket.send(text),
          onMessage: (listener) => socket.addEventListener('message', (event) => listener(String(event.data))),
          onClose: (listener) => socket.addEventListener('close', (event) => listener(event.reason || 'socket closed')),
        }),
      );
    });
    socket.addEventListener('error', () =>
      reject(new Error('Could not reach Ferry. Is `npm run web` still running, and is the token in the address current?')),
    );
  });
}
