/**
 * The `ferry` executable (bin/ferry.cjs loads the bundle of this file). Opens
 * the same data folder as the app, so saved sites, pinned certificates and host
 * keys are shared, then runs one command.
 */
import { defaultDataDir } from './app/data-dir';
import { runCli } from './cli/main';
import { siteSpec } from './remote/site-spec';
import { openSiteServices } from './sites';

async function main(): Promise<number> {
  const sites = await openSiteServices({ dataDir: defaultDataDir() });
  return runCli(
    process.argv.slice(2),
    {
      io: { input: process.stdin, output: process.stderr, interactive: process.stdin.isTTY === true && process.stderr.isTTY === true },
      stderr: process.stderr,
      env: process.env,
      trustStore: sites.trust,
      async resolveSite(ref) {
        const resolved = await sites.sites.connectionForReference(ref.reference);
        return { spec: siteSpec(resolved.plan), remotePath: resolved.remotePath ?? (resolved.site.remoteFolder || null) };
      },
    },
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
