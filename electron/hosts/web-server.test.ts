import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSocket, socketOpened, startCore } from '../../testkit/api/clients';
import { startWebServer, type WebServer } from './web-server';

/** A raw GET with a chosen Host header (fetch will not let us forge it). */
function get(port: number, urlPath: string, host: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { Host: host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    request.on('error', reject);
  });
}

describe('browser-mode server', () => {
  let server: WebServer;
  let staticDir: string;
  let stopCore: () => Promise<void>;

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-static-'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Ferry</title>');
    const started = await startCore();
    stopCore = started.stop;
    server = await startWebServer({ core: started.core, staticDir });
  });
  afterAll(async () => {
    await server.close();
    await stopCore();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying a long random token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with a strict CSP', async () => {
    const response = await get(server.port, '/', `127.0.0.1:${server.port}`);
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Ferry</title>');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses pages requested under a foreign Host (DNS rebinding)', async () => {
    const response = await get(server.port, '/', `attacker.example:${server.port}`);
    expect(response.status).toBe(403);
  });

  it('does not serve files outside its folder', async () => {
    for (const attempt of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const response = await get(server.port, attempt, `127.0.0.1:${server.port}`);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('root:');
    }
  });

  it('accepts a socket with the right token, Origin and Host', async () => {
    const socket = openSocket(server);
    await expect(socketOpened(socket)).resolves.toBeUndefined();
    socket.close();
  });

  it('accepts the same page reached through an SSH tunnel on another loopback port', async () => {
    const socket = openSocket(server, { host: '127.0.0.1:8080' });
    await expect(socketOpened(socket)).resolves.toBeUndefined();
    socket.close();
  });

  it('refuses a socket without the token', async () => {
    await expect(socketOpened(openSocket(server, { token: null }))).rejects.toThrow('HTTP 401');
  });

  it('refuses a socket with a wrong token of the same length', async () => {
    const wrong = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    await expect(socketOpened(openSocket(server, { token: wrong }))).rejects.toThrow('HTTP 401');
  });

  it('refuses a socket opened by another web page (foreign Origin)', async () => {
    await expect(socketOpened(openSocket(server, { origin: 'https://evil.example' }))).rejects.toThrow('HTTP 403');
    await expect(socketOpened(openSocket(server, { origin: 'null' }))).rejects.toThrow('HTTP 403');
  });

  it('refuses a socket whose Host is not a loopback address', async () => {
    await expect(socketOpened(openSocket(server, { host: `rebind.example:${server.port}` }))).rejects.toThrow('HTTP 403');
  });
});

describe('listening address', () => {
  it('refuses a non-loopback host unless explicitly allowed', async () => {
    const started = await startCore();
    try {
      await expect(startWebServer({ core: started.core, staticDir: os.tmpdir(), host: '0.0.0.0' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    } finally {
      await started.stop();
    }
  });
});
