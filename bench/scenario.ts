/**
 * What a measurement is (a scenario: one job, several tools doing it) and how it is run:
 * every tool N times, in a rotating order so no tool always goes first, each run on a
 * fresh target, checked afterwards. Medians come from the runs that passed their check;
 * failed runs are kept and reported.
 */
import fs from 'node:fs';
import { failureOf, runCommand, settleDisk, type CommandLine } from './command';
import type { Group } from './options';

/** One run of one tool, ready to start. */
export interface Attempt {
  line: CommandLine;
  /** Where the Ferry process writes its peak RSS (Ferry runs only). */
  rssFile?: string;
  /** Checks what arrived; resolves to null when it is right, else what is wrong. */
  verify(): Promise<string | null>;
  /** Removes what the run created (targets, output files). */
  cleanUp(): Promise<void>;
}

/** One tool's way of doing a scenario. */
export interface Contender {
  /** Name in the tables, e.g. 'Ferry --parallel 1' or 'lftp mirror --parallel=4'. */
  tool: string;
  /** A Ferry run (its peak RSS is measured). */
  ferry: boolean;
  /** Sets up a fresh target for run `run` and returns the command to time. */
  prepare(run: number): Promise<Attempt>;
}

/** A ratio the report shows: Ferry's speed divided by a peer's, in the same scenario. */
export interface Comparison {
  ferry: string;
  peer: string;
  /** The goal: ratio ≥ `ratio` (or > when `strict`); null when only informative. */
  target: { ratio: number; strict: boolean } | null;
}

/** One job (e.g. "FTP download of a 1 GiB file") and the tools that do it. */
export interface Scenario {
  id: string;
  group: Group;
  title: string;
  runs: number;
  /** What one run moves; throughput is this divided by the time. */
  work: { bytes: number } | { files: number } | { entries: number };
  /** Hard limit for one run; a run that takes longer is killed and counted as failed. */
  timeoutMs: number;
  contenders: Contender[];
  comparisons: Comparison[];
}

/** One timed run. */
export interface RunRecord {
  seconds: number;
  ok: boolean;
  /** Why the run failed (the tool's exit, or the check of what arrived). */
  problem?: string;
  /** Peak RSS of the Ferry process, KiB. */
  peakRssKiB?: number;
}

/** All runs of one tool in one scenario, and their medians. */
export interface ToolResult {
  tool: string;
  ferry: boolean;
  /** The command of the first run, as typed (password and paths included: everything is throw-away). */
  command: string;
  runs: RunRecord[];
  okRuns: number;
  medianSeconds: number | null;
  medianPeakRssKiB: number | null;
}

/** A scenario's results. */
export interface ScenarioResult {
  id: string;
  group: Group;
  title: string;
  work: Scenario['work'];
  results: ToolResult[];
  comparisons: Comparison[];
}

/** Runs every contender of `scenario` `scenario.runs` times; `log` gets one line per run. */
export async function runScenario(scenario: Scenario, log: (line: string) => void): Promise<ScenarioResult> {
  const results = new Map<string, ToolResult>();
  for (const contender of scenario.contenders) {
    results.set(contender.tool, { tool: contender.tool, ferry: contender.ferry, command: '', runs: [], okRuns: 0, medianSeconds: null, medianPeakRssKiB: null });
  }
  log(`${scenario.title} (${scenario.runs} run${scenario.runs === 1 ? '' : 's'} each)`);
  for (let run = 0; run < scenario.runs; run++) {
    for (const contender of rotate(scenario.contenders, run)) {
      const result = results.get(contender.tool)!;
      const record = await runOnce(contender, run, scenario.timeoutMs, (command) => {
        if (!result.command) result.command = command;
      });
      result.runs.push(record);
      log(`  ${contender.tool.padEnd(28)} run ${run + 1}/${scenario.runs}  ${describeRun(record, scenario.work)}`);
    }
  }
  for (const result of results.values()) {
    const ok = result.runs.filter((r) => r.ok);
    result.okRuns = ok.length;
    result.medianSeconds = median(ok.map((r) => r.seconds));
    result.medianPeakRssKiB = median(ok.flatMap((r) => (r.peakRssKiB === undefined ? [] : [r.peakRssKiB])));
  }
  return { id: scenario.id, group: scenario.group, title: scenario.title, work: scenario.work, results: [...results.values()], comparisons: scenario.comparisons };
}

async function runOnce(contender: Contender, run: number, timeoutMs: number, seen: (command: string) => void): Promise<RunRecord> {
  let attempt: Attempt;
  try {
    attempt = await contender.prepare(run);
  } catch (error) {
    return { seconds: 0, ok: false, problem: `could not prepare the run: ${(error as Error).message}` };
  }
  try {
    seen(formatCommand(attempt.line));
    settleDisk();
    const result = await runCommand(attempt.line, timeoutMs);
    const problem = failureOf(result, timeoutMs) ?? (await attempt.verify());
    const record: RunRecord = { seconds: result.seconds, ok: problem === null };
    if (problem !== null) record.problem = problem;
    if (attempt.rssFile !== undefined) {
      const kib = Number.parseInt(await fs.promises.readFile(attempt.rssFile, 'utf8').catch(() => ''), 10);
      if (Number.isFinite(kib)) record.peakRssKiB = kib;
      else if (record.ok) Object.assign(record, { ok: false, problem: 'the Ferry process did not report its peak RSS' });
    }
    return record;
  } finally {
    await attempt.cleanUp();
    if (attempt.rssFile !== undefined) await fs.promises.rm(attempt.rssFile, { force: true });
  }
}

/** "1.23 s  830.1 MiB/s  RSS 92 MiB" or "FAILED after 1.2 s: …". */
function describeRun(record: RunRecord, work: Scenario['work']): string {
  if (!record.ok) return `FAILED after ${record.seconds.toFixed(2)} s: ${record.problem}`;
  const rss = record.peakRssKiB === undefined ? '' : `  peak RSS ${formatKiB(record.peakRssKiB)}`;
  return `${record.seconds.toFixed(2).padStart(8)} s  ${formatThroughput(work, record.seconds).padStart(16)}${rss}`;
}

/** Throughput of one run (or a median time) in the scenario's unit. */
export function formatThroughput(work: Scenario['work'], seconds: number): string {
  if ('bytes' in work) return `${(work.bytes / 1024 ** 2 / seconds).toFixed(1)} MiB/s`;
  if ('files' in work) return `${Math.round(work.files / seconds).toLocaleString('en-US')} files/s`;
  return `${Math.round(work.entries / seconds).toLocaleString('en-US')} entries/s`;
}

/** KiB as "92.4 MiB". */
export function formatKiB(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}

/** The median, or null for no values. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The list started at `by` (mod length): run 0 keeps the order, run 1 starts with the second… */
function rotate<T>(items: readonly T[], by: number): T[] {
  const start = by % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

/** A command line as a shell would take it (for the report; nothing is run through a shell). */
export function formatCommand(line: CommandLine): string {
  const quote = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
  const env = Object.entries(line.env ?? {})
    .filter(([name]) => name !== 'HOME')
    .map(([name, value]) => `${name}=${quote(value)}`);
  const redirect = line.stdoutFile === undefined ? [] : ['>', quote(line.stdoutFile)];
  return [...env, ...[line.program, ...line.args].map(quote), ...redirect].join(' ');
}
