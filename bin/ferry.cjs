#!/usr/bin/env -S node --no-incremental-marking
// --no-incremental-marking: V8 (Node 20) counts every new ArrayBuffer's bytes against the old
// generation's limit, and the CLI's heap is small, so a transfer that allocates a buffer per
// packet (ssh2 does, per SSH message) started a full mark-compact every few MiB: 60-150 per
// GiB over SFTP. Without incremental marking those short-lived buffers are freed by the cheap
// young-generation collections; full collections happen when the heap itself is full (1-35 per
// GiB). A command-line tool's pauses matter less than its throughput. (`env -S` splits the
// line; npm's Windows shims read the flag from it too.)
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
