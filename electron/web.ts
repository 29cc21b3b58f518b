/**
 * `npm run web`: Ferry in a browser. Starts the back end under plain Node and
 * serves the renderer and the API on a loopback address.
 *
 *   node dist/electron/web.cjs [--port N] [--host ADDR --allow-remote-host]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFerryCore } from './app/core';
import { defaultDataDir } from './app/data-dir';
import { isLoopbackHost } from './hosts/loopback';
import { startWebServer } from './hosts/web-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote-host': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run web -- [--port N] [--host ADDR --allow-remote-host]');
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}".`);
  const host = values.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && values['allow-remote-host']) {
    console.warn(
      `WARNING: listening on ${host}, which is not a loopback address. Anyone who can reach it and learns the token controls Ferry and your files. Prefer an SSH tunnel.`,
    );
  }
  const core = await createFerryCore({ dataDir: defaultDataDir() });
  const server = await startWebServer({
    core,
    host,
    port,
    allowRemoteHost: values['allow-remote-host'] === true,
    staticDir: path.join(__dirname, '..', 'renderer'),
  });
  console.log(`Ferry is running at ${server.url}`);
  const stop = async (): Promise<void> => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`ferry: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
