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
