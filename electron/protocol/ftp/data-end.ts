/**
 * When a data connection ended, recorded from the moment it exists.
 *
 * A socket nobody reads yet can still emit 'end' (and then 'close') on its own: Node
 * reads ahead after connecting, and an empty file or listing is just an immediate
 * EOF. Between connecting the data socket and handing it to the code that reads it
 * lie several awaits (the transfer command, its 1xx, the TLS handshake), so a late
 * 'end' listener could miss the event and wait forever. The watcher is attached as
 * soon as the socket exists; readers ask {@link dataEnd}.
 */
import type net from 'node:net';

const watchers = new WeakMap<net.Socket, Promise<boolean>>();

/** Starts recording how `socket` ends. Call as soon as the socket exists; idempotent. */
export function watchDataEnd(socket: net.Socket): void {
  if (watchers.has(socket)) return;
  watchers.set(
    socket,
    new Promise((resolve) => {
      socket.once('end', () => resolve(true));
      socket.once('close', () => resolve(false));
    }),
  );
}

/** Resolves when `socket` ended: true after a clean end of data, false after a close without one. */
export function dataEnd(socket: net.Socket): Promise<boolean> {
  watchDataEnd(socket);
  return watchers.get(socket) as Promise<boolean>;
}
