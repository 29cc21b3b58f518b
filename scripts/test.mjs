// `npm test`: typecheck, then unit and integration tests (Vitest), then the
// browser-mode end-to-end tests (Playwright), then one line with the totals.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reports = mkdtempSync(path.join(os.tmpdir(), 'ferry-test-reports-'));
const run = (label, command, args, env = {}) => {
  console.log(`\n── ${label} ──`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
};

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const typecheck = run('typecheck', npx, ['tsc', '-b']);
const unitJson = path.join(reports, 'vitest.json');
const unit = run('unit and integration tests (Vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
const build = run('build', process.execPath, ['scripts/build.mjs']);
const e2eJson = path.join(reports, 'playwright.json');
const e2e = build && run('end-to-end tests (Playwright, browser mode)', npx, ['playwright', 'test'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  PLAYWRIGHT_REPORTERS: 'list,json',
});

const counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const vitest = JSON.parse(readFileSync(unitJson, 'utf8'));
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
  console.log(`\nVitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped`);
} catch {
  console.log('\nVitest: no report (it did not run to the end)');
  counts.failed += 1;
}
try {
  const { stats } = JSON.parse(readFileSync(e2eJson, 'utf8'));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
  console.log(
    `Playwright: ${stats.expected + stats.flaky} passed (${stats.flaky} only on a retry), ${stats.unexpected} failed, ${stats.skipped} skipped`,
  );
} catch {
  console.log('Playwright: no report (it did not run to the end)');
  counts.failed += 1;
}
rmSync(reports, { recursive: true, force: true });

const ok = typecheck && unit && e2e && counts.failed === 0;
if (!typecheck) console.log('typecheck failed');
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok ? 0 : 1);
