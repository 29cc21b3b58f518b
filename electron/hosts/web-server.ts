/**
 * Browser mode: Ferry's API over a WebSocket on a loopback address, plus the
 * built renderer as static files. A one-time token (given to the user in the
 * URL's fragment, which browsers never send to servers) guards the socket; the
 * `Host` and `Origin` checks stop other web pages and DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { FerryError } from '../../shared/errors';
import type { EventHub } from '../api/event-hub';
import type { Router } from '../api/router';
import { isLoopbackHost, parseHostHeader } from './loopback';
import { serveStatic } from './static-files';
import { serveWire } from './wire-server';

/** Options of {@link startWebServer}. */
export interface WebServerOptions {
  core: { router: Router; events: EventHub };
  /** Folder holding the built renderer (index.html). */
  staticDir: string;
  /** Address to listen on; loopback unless `allowRemoteHost`. Default 127.0.0.1. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Listen on a non-loopback address. Anyone who can reach it and has the token controls Ferry. */
  allowRemoteHost?: boolean;
  /** Fixed token (tests); default: 32 random bytes. */
  token?: string;
}

/** A running browser-mode server. */
export interface WebServer {
  /** `http://HOST:PORT/#token=…`: the address to open. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest message a renderer may send; listings travel the other way. */
const MAX_INCOMING_MESSAGE = 16 * 1024 * 1024;

/** Starts browser mode. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemoteHost) {
    throw new FerryError(
      'INVALID_INPUT',
      `Refusing to listen on ${host}: it is not a loopback address. Use an SSH tunnel, or pass --allow-remote-host if you understand the risk.`,
    );
  }
  const token = options.token ?? randomBytes(32).toString('base64url');
  const staticDir = path.resolve(options.staticDir);
  const isAllowedHost = (header: string | undefined): boolean => {
    const parsed = parseHostHeader(header);
    if (!parsed) return false;
    return isLoopbackHost(parsed.hostname) || (options.allowRemoteHost === true && parsed.hostname === host);
  };

  const server = http.createServer((request, response) => {
    if (!isAllowedHost(request.headers.host)) {
      response.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden: unexpected Host header.');
      return;
    }
    setSecurityHeaders(response, request.headers.host!);
    serveStatic(staticDir, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_MESSAGE });
  server.on('upgrade', (request, socket, head) => {
    const refusal = checkUpgrade(request, token, isAllowedHost);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Why an upgrade request is refused (status line), or `null` to accept it. */
function checkUpgrade(
  request: http.IncomingMessage,
  token: string,
  isAllowedHost: (header: string | undefined) => boolean,
): string | null {
  const url = new URL(request.url ?? '/', 'http://x');
  if (url.pathname !== '/rpc') return '404 Not Found';
  if (!isAllowedHost(request.headers.host)) return '403 Forbidden';
  // Only pages we served may connect: their origin is exactly http://<the Host they used>.
  if (request.headers.origin !== `http://${request.headers.host}`) return '403 Forbidden';
  if (!tokensMatch(url.searchParams.get('token'), token)) return '401 Unauthorized';
  return null;
}

function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function attach(ws: WebSocket, core: { router: Router; events: EventHub }): void {
  const session = serveWire(core, { transport: 'websocket' }, (text) => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  });
  ws.on('message', (data, isBinary) => {
    if (!isBinary) session.receive(data.toString());
  });
  ws.on('close', () => session.close());
  ws.on('error', () => session.close());
}

/** The same CSP as the Electron window (see renderer/index.html), plus the socket address. */
function setSecurityHeaders(response: http.ServerResponse, hostHeader: string): void {
  response.setHeader(
    'Content-Security-Policy',
    `default-src 'self'; connect-src 'self' ws://${hostHeader}; img-src 'self' data:; style-src 'self'; ` +
      `object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
}
