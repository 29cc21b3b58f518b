#!/usr/bin/env node
// The `ferry` command. The TypeScript sources are bundled by `npm install`
// (the prepare script) into dist/; say so plainly if that has not happened.
const path = require('node:path');
// Node 22.1+ keeps compiled code between runs (a faster start); older Node has no such switch.
require('node:module').enableCompileCache?.();
const bundle = path.join(__dirname, '..', 'dist', 'electron', 'cli.cjs');
try {
  require.resolve(bundle);
} catch {
  process.stderr.write('ferry: not built yet; run `npm install` (or `npm run build`) in the Ferry folder first.\n');
  process.exit(1);
}
require(bundle);
// No incremental marking, set once the bundle is loaded (before any transfer starts; earlier,
// the changed flags would make Node compile its own modules without their code cache, ~15 ms).
// Why: V8 (Node 20) counts every new ArrayBuffer's bytes against the old generation's limit,
// and the CLI's heap is small, so a transfer that allocates a buffer per packet (ssh2 does,
// per SSH message) started a full mark-compact every few MiB: 20-150 per GiB over SFTP.
// Without incremental marking those short-lived buffers are freed by the cheap young-generation
// collections, and full ones run when the heap itself is full. A command-line tool's pauses
// matter less than its throughput. (A `#!` line with `env -S node --flag` would do the same at
// start-up, but busybox's env has no -S.)
require('node:v8').setFlagsFromString('--no-incremental-marking');
