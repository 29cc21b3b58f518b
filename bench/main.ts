/**
 * Ferry's benchmark (`npm run bench`, see bench/README.md): Ferry's CLI against curl, lftp
 * and OpenSSH's sftp on the same loopback servers (the testkit's vsftpd and sshd) in the
 * same run, medians of N runs, every transfer checked. Performance claims about Ferry come
 * only from this. Needs root; everything it creates is removed at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { giveToTestUser, startSshd, startVsftpd, type FtpServerHandle, type SshServerHandle } from '../testkit/servers';
import { killRunningCommands } from './command';
import { linkOrCopy, makeWorkspace, remove, sha256File, writeManyEntries, writeRandomFile, writeTree } from './data';
import { checkPrerequisites, describeEnvironment, formatEnvironment, loadAverage } from './environment';
import { GROUPS, USAGE, parseOptions, type BenchOptions, type Group } from './options';
import { compare, markdownReport, textReport, type BenchReport } from './report';
import { runScenario, type Scenario, type ScenarioResult } from './scenario';
import type { BenchContext, SourceFile } from './scenarios/common';
import { FTP_BIG_PATH, ftpDownloadScenario, ftpUploadScenario, sizeLabel } from './scenarios/ftp-big';
import { FTP_LATENCY_TREE_PATH, ftpLatencyScenarios } from './scenarios/ftp-latency';
import { FTP_LIST_PATH, ftpListScenario } from './scenarios/ftp-list';
import { FTP_TREE_PATH, FTP_UPLOAD_FOLDER, ftpTreeDownloadScenario, ftpTreeUploadScenario } from './scenarios/ftp-tree';
import { FTP_LONG_TREE_PATH, FTP_MID_PATH, MEMORY_IDS, memoryChecks, memoryScenarios } from './scenarios/memory';
import { SFTP_BIG_NAME, sftpScenarios } from './scenarios/sftp-big';
import { ferryInstall } from './tools';
import { startLatencyProxy } from './latency-proxy';

/** dist/bench.cjs lives one folder below the repository root. */
const REPO_ROOT = path.resolve(__dirname, '..');
const GIB = 1024 ** 3;

/** Clean-up steps, run in reverse order at the end or on Ctrl-C. */
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;

function cleanUpAll(): Promise<void> {
  cleaning ??= (async () => {
    killRunningCommands();
    for (const step of cleanups.reverse()) {
      await step().catch((error: unknown) => console.error(`Clean-up step failed: ${(error as Error).message}`));
    }
  })();
  return cleaning;
}

function log(line: string): void {
  console.log(line);
}

/** Seconds since `start`, for the preparation log. */
function since(start: number): string {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  let parsed: BenchOptions | 'help';
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const options = parsed;
  const has = (group: Group): boolean => options.groups.includes(group);
  const startedAt = new Date();

  const environment = describeEnvironment(REPO_ROOT);
  log(`Ferry benchmark, ${options.mode} mode: ${sizeLabel(options.bigBytes)} files, ${options.treeFiles.toLocaleString('en-US')} small files, ` +
    `${options.listEntries.toLocaleString('en-US')} entries; ${options.bigRuns} run(s) of big files, ${options.smallRuns} of the rest.`);
  log(formatEnvironment(environment));
  log('');
  // The big file, a downloaded and an uploaded copy, the smaller file twice, and slack; plus
  // every run's tree, kept until the end (ftp-tree.ts says why): about 1 GiB in the full run.
  await checkPrerequisites(REPO_ROOT, 5 * options.bigBytes + 2 * GIB);

  const workspace = await makeWorkspace();
  cleanups.push(() => remove(workspace.dir));
  const context: BenchContext = { options, workspace, tools: { ferry: ferryInstall(REPO_ROOT), workspace } };

  let prepared = Date.now();
  const needsFtp = has('ftp-big') || has('ftp-tree') || has('ftp-latency') || has('ftp-list') || has('memory');
  let ftp: FtpServerHandle | undefined;
  let ssh: SshServerHandle | undefined;
  if (needsFtp) {
    const server = await startVsftpd();
    ftp = server;
    cleanups.push(() => server.stop());
  }
  if (has('sftp-big')) {
    const server = await startSshd();
    ssh = server;
    cleanups.push(() => server.stop());
  }
  log(`Servers: ${[ftp && `vsftpd on ${ftp.host}:${ftp.port}`, ssh && `sshd on ${ssh.host}:${ssh.port}`].filter(Boolean).join(', ')} (${since(prepared)})`);

  // Test data, written straight into the server roots (hard links where the bytes are the same).
  prepared = Date.now();
  const randomSource = async (name: string, bytes: number): Promise<SourceFile> => {
    const file = path.join(workspace.sources, name);
    await writeRandomFile(file, bytes);
    return { path: file, bytes, sha256: await sha256File(file) };
  };
  const serve = async (source: string, target: string): Promise<void> => {
    await linkOrCopy(source, target);
    await giveToTestUser(target);
  };
  const big = has('ftp-big') || has('sftp-big') ? await randomSource('big.bin', options.bigBytes) : null;
  const mid = has('memory') ? await randomSource('mid.bin', options.midBytes) : null;
  const treeShape = { files: options.treeFiles, fileBytes: options.smallFileBytes, filesPerFolder: options.filesPerFolder };
  const localTree = path.join(workspace.sources, 'tree');
  if (ftp && big && has('ftp-big')) await serve(big.path, path.join(ftp.root, FTP_BIG_PATH));
  if (ssh && big) await serve(big.path, path.join(ssh.root, SFTP_BIG_NAME));
  if (ftp && mid) await serve(mid.path, path.join(ftp.root, FTP_MID_PATH));
  /** A tree of `files` small files at `local` (the upload source), copied to `remotePath` on the FTP server. */
  const serveTree = async (server: FtpServerHandle, local: string, remotePath: string, files: number): Promise<void> => {
    await writeTree(local, { ...treeShape, files });
    await fs.promises.cp(local, path.join(server.root, remotePath), { recursive: true });
    await giveToTestUser(path.join(server.root, remotePath));
  };
  const latencyTree = path.join(workspace.sources, 'tree-over-latency');
  if (ftp && has('ftp-tree')) await serveTree(ftp, localTree, FTP_TREE_PATH, options.treeFiles);
  if (ftp && has('ftp-latency')) await serveTree(ftp, latencyTree, FTP_LATENCY_TREE_PATH, options.latencyTreeFiles);
  if (ftp && (has('ftp-tree') || has('ftp-latency'))) {
    await fs.promises.mkdir(path.join(ftp.root, FTP_UPLOAD_FOLDER));
    await giveToTestUser(path.join(ftp.root, FTP_UPLOAD_FOLDER));
  }
  if (ftp && has('memory')) {
    await writeTree(path.join(ftp.root, FTP_LONG_TREE_PATH), { ...treeShape, files: options.longQueueFiles });
    await giveToTestUser(path.join(ftp.root, FTP_LONG_TREE_PATH));
  }
  if (ftp && has('ftp-list')) {
    await writeManyEntries(path.join(ftp.root, FTP_LIST_PATH), options.listEntries);
    await giveToTestUser(path.join(ftp.root, FTP_LIST_PATH));
  }
  log(`Test data ready (${since(prepared)})\n`);

  const treeJob = { runs: options.smallRuns, files: options.treeFiles, fileBytes: options.smallFileBytes };
  const treeLabel = `${options.treeFiles.toLocaleString('en-US')} files of ${options.smallFileBytes / 1024} KiB`;
  const scenarios: Scenario[] = [];
  if (ftp && big && has('ftp-big')) {
    scenarios.push(
      ftpDownloadScenario(context, ftp, big, FTP_BIG_PATH, { id: MEMORY_IDS.bigDownload, title: `FTP download, one ${sizeLabel(big.bytes)} file`, runs: options.bigRuns }),
      ftpUploadScenario(context, ftp, big),
    );
  }
  if (ftp && has('ftp-tree')) {
    scenarios.push(
      ftpTreeDownloadScenario(context, ftp, FTP_TREE_PATH, { ...treeJob, id: MEMORY_IDS.treeDownload, title: `FTP download, ${treeLabel} in ${Math.ceil(options.treeFiles / options.filesPerFolder)} folders` }),
      ftpTreeUploadScenario(context, ftp, localTree, { ...treeJob, id: 'ftp-tree-upload', title: `FTP upload, ${treeLabel} in ${Math.ceil(options.treeFiles / options.filesPerFolder)} folders` }),
    );
  }
  if (ftp && has('ftp-latency')) {
    const proxy = await startLatencyProxy(ftp.port, options.roundTripMs);
    cleanups.push(() => proxy.close());
    scenarios.push(...ftpLatencyScenarios(context, { ...ftp, port: proxy.port }, latencyTree));
  }
  if (ftp && has('ftp-list')) scenarios.push(ftpListScenario(context, ftp, options.listEntries));
  if (ssh && big) scenarios.push(...sftpScenarios(context, ssh, big));
  if (ftp && mid) scenarios.push(...memoryScenarios(context, ftp, mid));

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    results.push(await runScenario(scenario, log));
    log('');
  }

  const report: BenchReport = {
    mode: options.mode,
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    loadAverageAtEnd: loadAverage(),
    environment,
    settings: (({ mode: _mode, ...settings }) => settings)(options),
    scenarios: results,
    comparisons: compare(results),
    memory: memoryChecks(results, context),
  };
  const complete = options.groups.length === GROUPS.length;
  const resultFile = path.join(REPO_ROOT, 'bench', 'results', options.mode === 'quick' ? 'latest-quick.json' : complete ? 'latest.json' : 'latest-partial.json');
  await fs.promises.mkdir(path.dirname(resultFile), { recursive: true });
  await fs.promises.writeFile(resultFile, `${JSON.stringify(report, null, 2)}\n`);

  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  log(textReport(report));
  log(`\nResults: ${path.relative(REPO_ROOT, resultFile)} (took ${Math.round(report.durationSeconds / 60)} min)`);
  log('\nMarkdown (paste into a note):\n');
  log(markdownReport(report, command));

  const failedRuns = results.flatMap((s) => s.results.flatMap((r) => r.runs.filter((run) => !run.ok).map((run) => `${s.title} / ${r.tool}: ${run.problem}`)));
  if (failedRuns.length > 0) {
    console.error(`\n${failedRuns.length} run(s) failed:\n  ${failedRuns.join('\n  ')}`);
    return 1;
  }
  return 0;
}

// Output piped into something that went away (`| head`): nobody is reading, so stop and clean up.
process.stdout.on('error', () => void cleanUpAll().then(() => process.exit(1)));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Ctrl-C reaches us twice (from the terminal and forwarded by run.mjs): say it once.
    if (cleaning) return;
    console.error(`\n${signal}: stopping the servers and removing the test data…`);
    void cleanUpAll().then(() => process.exit(130));
  });
}

main()
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  )
  .finally(() => cleanUpAll());
