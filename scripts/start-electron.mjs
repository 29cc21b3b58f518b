// `npm start`: launches the built app in Electron, or says in one line why it cannot.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

let binary = null;
try {
  binary = require('electron'); // The package exports the binary's path, and throws when it was never downloaded.
} catch {
  binary = null;
}
if (typeof binary !== 'string' || !existsSync(binary)) {
  console.error(
    "ferry: the Electron binary is not installed (its download was skipped or blocked), so the desktop window cannot open; run `npm run web` to use Ferry in your browser instead.",
  );
  process.exit(1);
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
