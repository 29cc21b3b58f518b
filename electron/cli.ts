/**
 * The `ferry` executable (bin/ferry.cjs loads the bundle of this file). Opens
 * the same data folder as the app, so saved sites, pinned certificates and host
 * keys are shared, then runs one command.
 */
import { defaultDataDir } from './app/data-dir';
import { siteCliContext } from './cli/commands/site-context';
import { runCli } from './cli/main';
import { openSiteServices } from './sites';

async function main(): Promise<number> {
  const sites = await openSiteServices({ dataDir: defaultDataDir() });
  return runCli(
    process.argv.slice(2),
    siteCliContext(sites, {
      io: { input: process.stdin, output: process.stderr, interactive: process.stdin.isTTY === true && process.stderr.isTTY === true },
      stderr: process.stderr,
      env: process.env,
    }),
    (text) => process.stdout.write(`${text}\n`),
  );
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ferry: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
