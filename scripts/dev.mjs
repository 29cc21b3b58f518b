// `npm run dev`: browser mode with hot reload of the renderer.
// The API server runs from a fresh main-process build; Vite serves the renderer
// and forwards the /rpc socket to it, so edits in renderer/ show at once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await new Promise((resolve, reject) => {
  const build = spawn(process.execPath, ['scripts/build.mjs', '--main'], { cwd: root, stdio: 'inherit' });
  build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('main-process build failed'))));
});

const api = spawn(process.execPath, ['dist/electron/web.cjs', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const apiUrl = await new Promise((resolve, reject) => {
  let output = '';
  api.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /Ferry is running at (\S+)/.exec(output);
    if (match) resolve(new URL(match[1]));
  });
  api.on('exit', () => reject(new Error(`the API server stopped:\n${output}`)));
});

const vite = await createServer({
  configFile: path.join(root, 'vite.config.mts'),
  server: { host: '127.0.0.1', proxy: { '/rpc': { target: `http://127.0.0.1:${apiUrl.port}`, ws: true } } },
});
await vite.listen();
const address = vite.resolvedUrls.local[0];
console.log(`Ferry (dev, hot reload) is running at ${address}${apiUrl.hash}`);
const stop = () => {
  api.kill();
  void vite.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
