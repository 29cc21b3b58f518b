/**
 * The results as tables (aligned text for the terminal, Markdown to paste into a note)
 * and as JSON (bench/results/latest.json). Ratios are Ferry's speed divided by the
 * peer's (the peer's median time over Ferry's): above 1 means Ferry was faster.
 */
import type { Environment } from './environment';
import type { BenchOptions } from './options';
import type { MemoryCheck } from './scenarios/memory';
import { formatKiB, formatThroughput, type ScenarioResult } from './scenario';

/** One ratio between two tools of a scenario, with its verdict. */
export interface ComparisonResult {
  scenario: string;
  ferry: string;
  peer: string;
  /** Ferry's speed ÷ the peer's; null when either had no successful run. */
  ratio: number | null;
  target: string;
  /** null: no target, or not measurable. */
  met: boolean | null;
}

/** Everything a run found; the shape of latest.json. */
export interface BenchReport {
  mode: BenchOptions['mode'];
  startedAt: string;
  durationSeconds: number;
  /** Load averages when the run ended (the start's are in `environment`). */
  loadAverageAtEnd: string;
  environment: Environment;
  settings: Omit<BenchOptions, 'mode'>;
  scenarios: ScenarioResult[];
  comparisons: ComparisonResult[];
  memory: MemoryCheck[];
}

/** The ratios every scenario asks for. */
export function compare(scenarios: ScenarioResult[]): ComparisonResult[] {
  return scenarios.flatMap((scenario) =>
    scenario.comparisons.map((c) => {
      const ferry = scenario.results.find((r) => r.tool === c.ferry)?.medianSeconds ?? null;
      const peer = scenario.results.find((r) => r.tool === c.peer)?.medianSeconds ?? null;
      const ratio = ferry && peer ? peer / ferry : null;
      const target = c.target ? `${c.target.strict ? '>' : '≥'} ${c.target.ratio.toFixed(2)}` : '';
      const met = ratio === null || !c.target ? null : c.target.strict ? ratio > c.target.ratio : ratio >= c.target.ratio;
      return { scenario: scenario.title, ferry: c.ferry, peer: c.peer, ratio, target, met };
    }),
  );
}

type Table = { headers: string[]; rows: string[][]; right: boolean[] };

/** Median time, throughput, Ferry's peak RSS and runs passed, per scenario and tool. */
function resultsTable(scenarios: ScenarioResult[]): Table {
  const rows = scenarios.flatMap((scenario) =>
    scenario.results.map((r) => {
      const failed = r.runs.length - r.okRuns;
      return [
        scenario.title,
        r.tool,
        r.medianSeconds === null ? 'failed' : `${r.medianSeconds.toFixed(2)} s`,
        r.medianSeconds === null ? '' : formatThroughput(scenario.work, r.medianSeconds),
        r.medianPeakRssKiB === null ? '' : formatKiB(r.medianPeakRssKiB),
        failed === 0 ? `${r.okRuns}/${r.runs.length}` : `${r.okRuns}/${r.runs.length} (${failed} FAILED)`,
      ];
    }),
  );
  return { headers: ['Scenario', 'Tool', 'Median time', 'Throughput', 'Ferry peak RSS', 'Runs OK'], rows, right: [false, false, true, true, true, true] };
}

function verdict(met: boolean | null): string {
  return met === null ? '' : met ? 'yes' : 'NO';
}

function comparisonsTable(comparisons: ComparisonResult[]): Table {
  return {
    headers: ['Scenario', 'Ferry', 'vs', 'Ferry speed ÷ peer', 'Target', 'Met'],
    rows: comparisons.map((c) => [c.scenario, c.ferry, c.peer, c.ratio === null ? 'n/a (a side failed)' : `${c.ratio.toFixed(2)}×`, c.target, verdict(c.met)]),
    right: [false, false, false, true, true, false],
  };
}

function memoryTable(checks: MemoryCheck[]): Table {
  const kib = (value: number | null): string => (value === null ? 'not measured' : formatKiB(value));
  return {
    headers: ['Check', 'Smaller job', 'Peak RSS', 'Job ×10', 'Peak RSS', 'Growth', 'Limit', 'Flat'],
    rows: checks.map((m) => [
      m.title,
      m.smaller,
      kib(m.smallerKiB),
      m.larger,
      kib(m.largerKiB),
      m.growth === null ? 'n/a' : `${m.growth.toFixed(2)}×`,
      `≤ ${m.limit.toFixed(1)}×`,
      verdict(m.pass),
    ]),
    right: [false, false, true, false, true, true, true, false],
  };
}

/** Columns padded to their widest cell. */
function formatText(table: Table): string {
  const widths = table.headers.map((h, i) => Math.max(h.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (table.right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(table.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

function formatMarkdown(table: Table): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const line = (cells: string[]): string => `| ${cells.map(escape).join(' | ')} |`;
  return [line(table.headers), `|${table.right.map((r) => (r ? '---:' : '---')).join('|')}|`, ...table.rows.map(line)].join('\n');
}

/** The three tables as aligned text, for the terminal. */
export function textReport(report: BenchReport): string {
  return [
    'Medians',
    formatText(resultsTable(report.scenarios)),
    '',
    'Ratios (Ferry speed ÷ peer speed, from the medians; above 1.00 = Ferry faster)',
    formatText(comparisonsTable(report.comparisons)),
    '',
    'Memory (median peak RSS of the Ferry process)',
    formatText(memoryTable(report.memory)),
  ].join('\n');
}

/** The same tables in Markdown, with a line saying where and how they were measured. */
export function markdownReport(report: BenchReport, command: string): string {
  const env = report.environment;
  const runs = report.settings.bigRuns === report.settings.smallRuns ? `${report.settings.bigRuns}` : `${report.settings.bigRuns} (big files) / ${report.settings.smallRuns} (others)`;
  return [
    `Benchmark (\`${command}\`, ${report.mode} mode, medians of ${runs} runs), ${report.startedAt.slice(0, 10)}: ` +
      `${env.cpu}, ${env.cores} cores, Node ${env.node}, Ferry ${env.ferry}, ${env.curl}, ${env.lftp}, ${env.vsftpd}, ${env.openssh}; ` +
      `all servers on 127.0.0.1; load average ${env.loadAverage.split(' ')[0]} at the start, ${report.loadAverageAtEnd.split(' ')[0]} at the end.`,
    '',
    formatMarkdown(resultsTable(report.scenarios)),
    '',
    'Ratios are Ferry\'s speed ÷ the peer\'s (above 1.00 = Ferry faster).',
    '',
    formatMarkdown(comparisonsTable(report.comparisons)),
    '',
    formatMarkdown(memoryTable(report.memory)),
  ].join('\n');
}
