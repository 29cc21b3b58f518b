/**
 * The benchmark's command line: sizes and run counts. Full mode is what performance
 * claims are made from; --quick is a fast check that everything still works.
 */

/** Names of the scenario groups, for --only. */
export const GROUPS = ['ftp-big', 'ftp-tree', 'ftp-latency', 'ftp-list', 'sftp-big', 'memory'] as const;
/** One group of scenarios. */
export type Group = (typeof GROUPS)[number];

/** Everything a bench run is configured by. */
export interface BenchOptions {
  mode: 'full' | 'quick';
  /** Runs of each big-file transfer (the median is reported). */
  bigRuns: number;
  /** Runs of every other measurement. */
  smallRuns: number;
  /** Size of the big file (1 GiB; 100 MiB quick). */
  bigBytes: number;
  /** Size of the smaller file the memory check compares the big one with (a tenth). */
  midBytes: number;
  /** Files in the small-file tree (2,000; 500 quick), each {@link smallFileBytes}. */
  treeFiles: number;
  /** Files in the tree moved over the delayed link (200; 100 quick). */
  latencyTreeFiles: number;
  /** Round trip the delayed link adds, in milliseconds. */
  roundTripMs: number;
  /** Files in the long-queue tree of the memory check (ten times {@link treeFiles}). */
  longQueueFiles: number;
  /** Entries in the folder that is listed (20,000; 5,000 quick). */
  listEntries: number;
  /** Size of each small file. */
  smallFileBytes: number;
  /** Files per folder in the trees. */
  filesPerFolder: number;
  /** The groups to run (all by default). */
  groups: Group[];
}

/** Usage text for --help and a wrong command line. */
export const USAGE = `Usage: npm run bench [-- options]
  --quick            100 MiB, 500 (and 100) files, 5,000 entries, 1 run each (a sanity check; results go to
                     bench/results/latest-quick.json and are not evidence)
  --runs N           runs of every measurement (median reported)
  --big-runs N       runs of the big-file transfers (default 3)
  --small-runs N     runs of everything else (default 3)
  --only G[,G…]      only these groups: ${GROUPS.join(', ')}
  --help`;

const MIB = 1024 * 1024;

/** Parses the arguments after `npm run bench --`; throws an Error with a readable message. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    mode: quick ? 'quick' : 'full',
    bigRuns: quick ? 1 : 3,
    smallRuns: quick ? 1 : 3,
    bigBytes: (quick ? 100 : 1024) * MIB,
    midBytes: (quick ? 10 : 100) * MIB,
    treeFiles: quick ? 500 : 2_000,
    latencyTreeFiles: quick ? 100 : 200,
    roundTripMs: 10,
    longQueueFiles: quick ? 5_000 : 20_000,
    listEntries: quick ? 5_000 : 20_000,
    smallFileBytes: 8 * 1024,
    filesPerFolder: 100,
    groups: [...GROUPS],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--quick') continue;
    if (flag === '--help' || flag === '-h') return 'help';
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value.`);
    i++;
    switch (flag) {
      case '--runs':
        options.bigRuns = options.smallRuns = runCount(flag, value);
        break;
      case '--big-runs':
        options.bigRuns = runCount(flag, value);
        break;
      case '--small-runs':
        options.smallRuns = runCount(flag, value);
        break;
      case '--only':
        options.groups = value.split(',').map((name) => {
          if (!(GROUPS as readonly string[]).includes(name)) throw new Error(`--only takes ${GROUPS.join(', ')}; not "${name}".`);
          return name as Group;
        });
        break;
      default:
        throw new Error(`Unknown option ${flag}.`);
    }
  }
  return options;
}

function runCount(flag: string, value: string): number {
  const count = Number(value);
  // Bounded: the bench must stop by itself.
  if (!Number.isInteger(count) || count < 1 || count > 20) throw new Error(`${flag} takes a whole number from 1 to 20, not "${value}".`);
  return count;
}
