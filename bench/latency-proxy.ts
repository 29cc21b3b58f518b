/**
 * A loopback FTP proxy that delays every byte by a fixed time each way, so the benchmark can
 * show how the tools do on a link with latency (this machine's kernel has no netem, and the
 * bench may only use loopback). It forwards the control connection and rewrites the passive
 * replies (227 and 229) to a one-time listener of its own, which forwards that data connection
 * with the same delay. Active mode (PORT/EPRT) and TLS are not supported: the bench uses
 * neither. Nagle is off on every socket so the proxy adds no stalls of its own.
 */
import net from 'node:net';

/** A running proxy: point the tools at `port` instead of the server's. */
export interface LatencyProxy {
  port: number;
  /** Closes every listener and connection. */
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 for the FTP server at 127.0.0.1:`serverPort`; a round trip gains `roundTripMs`. */
export async function startLatencyProxy(serverPort: number, roundTripMs: number): Promise<LatencyProxy> {
  const delay = roundTripMs / 2;
  const sockets = new Set<net.Socket>();
  const servers = new Set<net.Server>();
  const track = (socket: net.Socket): net.Socket => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    return socket;
  };

  /** A listener for one data connection, forwarded to the server's passive port. */
  const dataListener = (dataPort: number): Promise<number> =>
    listen((client) => {
      const server = track(net.connect(dataPort, '127.0.0.1'));
      relay(track(client), server, delay);
      relay(server, client, delay);
    }, true);

  const listen = (onConnection: (socket: net.Socket) => void, once: boolean): Promise<number> =>
    new Promise((resolve, reject) => {
      const listener = net.createServer((socket) => {
        if (once) {
          listener.close();
          servers.delete(listener);
        }
        onConnection(socket);
      });
      servers.add(listener);
      listener.once('error', reject);
      listener.listen(0, '127.0.0.1', () => resolve((listener.address() as net.AddressInfo).port));
    });

  const port = await listen((client) => {
    const server = track(net.connect(serverPort, '127.0.0.1'));
    relay(track(client), server, delay);
    // Replies go line by line: a passive reply is rewritten once its listener is up, in order.
    const toClient = delayedActions(delay);
    let pending = '';
    let queue = Promise.resolve();
    server.on('data', (chunk: Buffer) => {
      const arrived = Date.now();
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end + 1);
        pending = pending.slice(end + 1);
        queue = queue.then(async () => {
          const rewritten = await rewritePassiveReply(line, dataListener);
          toClient(arrived, () => client.destroyed || client.write(Buffer.from(rewritten, 'latin1')));
        });
      }
    });
    server.on('end', () => void queue.then(() => toClient(Date.now(), () => client.end())));
    server.on('error', () => client.destroy());
    server.on('close', () => void queue.then(() => toClient(Date.now(), () => client.destroy())));
    client.on('close', () => server.destroy());
  }, false);

  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([...servers].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

/**
 * `line` with the address of a passive reply replaced by a proxy listener's port (made by
 * `listenFor(serverPort)`); any other line as it was.
 */
export async function rewritePassiveReply(line: string, listenFor: (serverPort: number) => Promise<number>): Promise<string> {
  const extended = /^229 (.*)\(\|\|\|(\d+)\|\)/.exec(line);
  if (extended) return `229 ${extended[1]}(|||${await listenFor(Number(extended[2]))}|)\r\n`;
  const classic = /^227 (.*)\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(line);
  if (classic) {
    const proxyPort = await listenFor(Number(classic[6]) * 256 + Number(classic[7]));
    return `227 ${classic[1]}(127,0,0,1,${proxyPort >> 8},${proxyPort & 255})\r\n`;
  }
  return line;
}

/** Copies `from` to `to`, every chunk (and the end) `delay` ms after it arrived. */
function relay(from: net.Socket, to: net.Socket, delay: number): void {
  const toTarget = delayedActions(delay);
  from.on('data', (chunk: Buffer) => toTarget(Date.now(), () => to.destroyed || to.write(chunk)));
  from.on('end', () => toTarget(Date.now(), () => to.end()));
  from.on('error', () => to.destroy());
  from.on('close', () => toTarget(Date.now(), () => to.destroy()));
}

/**
 * A scheduler for one direction of one connection: each action runs `delay` ms after the
 * time given with it, strictly in the order given (separate timers could swap two actions
 * due in the same millisecond, and swapped writes would corrupt the stream).
 */
function delayedActions(delay: number): (since: number, action: () => unknown) => void {
  const queue: { due: number; action: () => unknown }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const run = (): void => {
    timer = null;
    while (queue.length > 0 && queue[0]!.due <= Date.now()) queue.shift()!.action();
    if (queue.length > 0) timer = setTimeout(run, queue[0]!.due - Date.now());
  };
  return (since, action) => {
    queue.push({ due: since + delay, action });
    timer ??= setTimeout(run, Math.max(0, since + delay - Date.now()));
  };
}
