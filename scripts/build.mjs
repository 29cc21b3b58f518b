// Builds everything that runs: the main-process bundles (esbuild) and the renderer (Vite).
//   node scripts/build.mjs            full build
//   node scripts/build.mjs --main     main-process bundles only
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainOnly = process.argv.includes('--main');

/** Settings shared by the Node-side bundles → dist/electron/<name>.cjs. */
const nodeBundle = {
  absWorkingDir: root,
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
};

// The app's main process and the browser-mode server: dependencies stay in node_modules.
// (Bundling zod makes their heap 2 MB smaller, which puts a 1 GiB SFTP download on the wrong
// side of a V8 heuristic: a full GC every few MiB. The CLI turns that heuristic off, see
// bin/ferry.cjs; the long-running app processes keep V8's defaults.)
await build({ ...nodeBundle, entryPoints: { main: 'electron/main.ts', web: 'electron/web.ts' }, packages: 'external' });

// The CLI starts for every command, so it bundles zod: its package loads ~95 files (every
// locale among them), a quarter of `ferry`'s start-up; bundled, only what Ferry uses is compiled.
const { dependencies } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const BUNDLED_INTO_CLI = new Set(['zod']);
await build({
  ...nodeBundle,
  entryPoints: { cli: 'electron/cli.ts' },
  external: ['electron', ...Object.keys(dependencies).filter((name) => !BUNDLED_INTO_CLI.has(name))],
});

// The preload runs sandboxed: it may require only 'electron', so everything else is bundled in.
await build({
  absWorkingDir: root,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'chrome130',
  format: 'cjs',
  external: ['electron'],
  minify: true,
  logLevel: 'warning',
});

if (!mainOnly) {
  const { build: viteBuild } = await import('vite');
  await rm(path.join(root, 'dist/renderer'), { recursive: true, force: true });
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
}
