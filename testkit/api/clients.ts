/**
 * Test clients for Ferry's API over each transport, so one contract suite can
 * run over all of them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { ClientTransport } from '../../shared/rpc/api';
import { createWireClient } from '../../shared/rpc/wire-client';
import { createFerryCore, type FerryCore, type FerryCoreOptions } from '../../electron/app/core';
import { connectInMemory } from '../../electron/hosts/memory';
import { startWebServer, type WebServer } from '../../electron/hosts/web-server';

/** A connected transport plus what the test needs to drive the back end. */
export interface TestConnection {
  name: string;
  transport: ClientTransport;
  core: FerryCore;
  close(): Promise<void>;
}

/** A fresh core with its own data folder. */
export async function startCore(
  options: Omit<FerryCoreOptions, 'dataDir'> = {},
): Promise<{ core: FerryCore; dataDir: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-core-'));
  const core = await createFerryCore({ dataDir, ...options });
  return {
    core,
    dataDir,
    async stop() {
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The API over the in-memory transport. */
export async function connectMemoryClient(): Promise<TestConnection> {
  const started = await startCore();
  return { name: 'memory', transport: connectInMemory(started.core), core: started.core, close: started.stop };
}

/** Opens a `ws` socket to a browser-mode server as a page from that server would. */
export function openSocket(server: WebServer, overrides: { token?: string | null; origin?: string; host?: string } = {}): WebSocket {
  const token = overrides.token === undefined ? server.token : overrides.token;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const host = overrides.host ?? `127.0.0.1:${server.port}`;
  return new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, {
    headers: { Host: host },
    origin: overrides.origin ?? `http://${host}`,
  });
}

/** Resolves when the socket opens, rejects with the HTTP status when the upgrade is refused. */
export function socketOpened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

/** The API over a real WebSocket to a real browser-mode server. */
export async function connectWebSocketClient(staticDir: string): Promise<TestConnection & { server: WebServer }> {
  const started = await startCore();
  const server = await startWebServer({ core: started.core, staticDir });
  const socket = openSocket(server);
  await socketOpened(socket);
  const transport = createWireClient({
    send: (text) => socket.send(text),
    onMessage: (listener) => socket.on('message', (data) => listener(data.toString())),
    onClose: (listener) => socket.on('close', (_code, reason) => listener(reason.toString() || 'closed')),
  });
  return {
    name: 'websocket',
    transport,
    core: started.core,
    server,
    async close() {
      socket.close();
      await server.close();
      await started.stop();
    },
  };
}
