// `npm run bench [-- --quick] [-- --runs N] …`: bundles bench/main.ts (esbuild, like
// scripts/build.mjs does for electron/*.ts) into dist/bench.cjs and runs it with the same
// arguments. The CLI under test (dist/electron/cli.cjs) is built by the npm script first.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: { bench: 'bench/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', 'bench.cjs'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the child too (same process group); wait for it to clean up and exit.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
