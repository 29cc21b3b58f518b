/**
 * 5. Is Ferry's memory flat? Peak RSS of the Ferry process for a file ten times bigger,
 * and for a queue ten times longer, next to the smaller run. The big-file and 2,000-file
 * runs come from groups 1 and 2; this group adds the smaller file and the longer queue.
 */
import type { FtpServerHandle } from '../../testkit/servers';
import type { ScenarioResult } from '../scenario';
import type { Scenario } from '../scenario';
import { ftpDownloadScenario, sizeLabel } from './ftp-big';
import { ftpTreeDownloadScenario } from './ftp-tree';
import type { BenchContext, SourceFile } from './common';

/** Remote paths of the memory group's data. */
export const FTP_MID_PATH = '/mid.bin';
export const FTP_LONG_TREE_PATH = '/tree-long';

/** Scenario ids the checks read (the first two are defined in main with the other groups). */
export const MEMORY_IDS = {
  bigDownload: 'ftp-big-download',
  midDownload: 'memory-mid-download',
  treeDownload: 'ftp-tree-download',
  longQueueDownload: 'memory-long-queue-download',
} as const;

/** The memory group's own runs: the smaller file and the ten-times-longer queue, Ferry only. */
export function memoryScenarios(context: BenchContext, ftp: FtpServerHandle, mid: SourceFile): Scenario[] {
  const { options } = context;
  return [
    ftpDownloadScenario(context, ftp, mid, FTP_MID_PATH, {
      id: MEMORY_IDS.midDownload,
      title: `FTP download, one ${sizeLabel(mid.bytes)} file (memory check, Ferry only)`,
      runs: options.bigRuns,
      ferryOnly: true,
      group: 'memory',
    }),
    ftpTreeDownloadScenario(context, ftp, FTP_LONG_TREE_PATH, {
      id: MEMORY_IDS.longQueueDownload,
      title: `FTP download, ${options.longQueueFiles.toLocaleString('en-US')} files of ${options.smallFileBytes / 1024} KiB (memory check, Ferry only)`,
      runs: options.smallRuns,
      files: options.longQueueFiles,
      fileBytes: options.smallFileBytes,
      ferryOnly: true,
      group: 'memory',
    }),
  ];
}

/** One "does memory stay flat" verdict. */
export interface MemoryCheck {
  title: string;
  smaller: string;
  larger: string;
  /** Median peak RSS of the Ferry process, KiB (null: not measured or failed). */
  smallerKiB: number | null;
  largerKiB: number | null;
  /** larger ÷ smaller. */
  growth: number | null;
  /** The most growth that still counts as flat for ten times the work. */
  limit: number;
  pass: boolean | null;
}

/**
 * Ten times the bytes may cost at most 1.5× the peak RSS (streams: nothing should grow);
 * ten times the queue at most 2× (the queue lives on disk; only pages of it in memory).
 */
const FILE_SIZE_LIMIT = 1.5;
const QUEUE_LIMIT = 2;

/** The two checks, from whatever scenario results exist. */
export function memoryChecks(results: ScenarioResult[], context: BenchContext): MemoryCheck[] {
  const { options } = context;
  const peak = (id: string): number | null => {
    const scenario = results.find((r) => r.id === id);
    const ferry = scenario?.results.find((r) => r.ferry);
    return ferry?.medianPeakRssKiB ?? null;
  };
  const check = (title: string, smaller: [string, string], larger: [string, string], limit: number): MemoryCheck => {
    const smallerKiB = peak(smaller[1]);
    const largerKiB = peak(larger[1]);
    const growth = smallerKiB && largerKiB ? largerKiB / smallerKiB : null;
    return { title, smaller: smaller[0], larger: larger[0], smallerKiB, largerKiB, growth, limit, pass: growth === null ? null : growth <= limit };
  };
  const files = (n: number): string => `get -r ${n.toLocaleString('en-US')} files`;
  return [
    check(
      'Peak RSS vs file size (ferry get)',
      [sizeLabel(options.midBytes), MEMORY_IDS.midDownload],
      [sizeLabel(options.bigBytes), MEMORY_IDS.bigDownload],
      FILE_SIZE_LIMIT,
    ),
    check(
      'Peak RSS vs queue length (ferry get -r)',
      [files(options.treeFiles), MEMORY_IDS.treeDownload],
      [files(options.longQueueFiles), MEMORY_IDS.longQueueDownload],
      QUEUE_LIMIT,
    ),
  ];
}
