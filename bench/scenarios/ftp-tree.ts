/**
 * 2. A folder tree of small files over plain FTP, down and up: Ferry at its default
 * parallelism, --parallel 4 and --parallel 1 against lftp's mirror at 4 and 1.
 */
import path from 'node:path';
import type { FtpServerHandle } from '../../testkit/servers';
import type { CommandLine } from '../command';
import { remove } from '../data';
import type { Comparison, Contender, Scenario } from '../scenario';
import { ferry, ftpUrl, lftp, lftpQuote } from '../tools';
import { FASTER, checkTree, contender, downloadTarget, timeoutForFiles, type BenchContext } from './common';

/** Remote folder of the small-file tree, and the folder uploads go into. */
export const FTP_TREE_PATH = '/tree';
export const FTP_UPLOAD_FOLDER = '/up';

/** Ferry's ways to move a tree: [name in the tables, extra arguments]. The first is the default. */
const FERRY_VARIANTS: [string, string[]][] = [
  ['Ferry (default, 4)', []],
  ['Ferry --parallel 4', ['--parallel', '4']],
  ['Ferry --parallel 1', ['--parallel', '1']],
];
/** lftp mirror's --parallel values. */
const LFTP_PARALLEL = [4, 1];

const COMPARISONS: Comparison[] = [
  { ferry: 'Ferry (default, 4)', peer: 'lftp mirror --parallel=4', target: FASTER },
  { ferry: 'Ferry --parallel 4', peer: 'lftp mirror --parallel=4', target: FASTER },
  { ferry: 'Ferry --parallel 1', peer: 'lftp mirror --parallel=1', target: FASTER },
];

/**
 * The trees each run made stay until the bench ends (the workspace and the server roots are
 * removed then). On ext4, creating files in the seconds after thousands were deleted nearby
 * costs up to a millisecond each (the kernel passes over recently freed inodes), which was
 * about a second per run here and charged whichever tool ran next for the last one's clean-up.
 * A user's download folder does not usually have 2,000 files freshly deleted in it either.
 */
async function keepUntilTheEnd(): Promise<void> {}

/** What a tree scenario moves. */
export interface TreeJob {
  id: string;
  title: string;
  runs: number;
  files: number;
  fileBytes: number;
  /** Only Ferry at its default parallelism (the memory check's long queue). */
  ferryOnly?: boolean;
  group?: Scenario['group'];
  /** Compared with lftp for information only, without the target (the delayed link). */
  noTarget?: boolean;
}

/** The comparisons of a tree job: Ferry at each parallelism against lftp at the same. */
function comparisonsFor(job: TreeJob): Comparison[] {
  if (job.ferryOnly) return [];
  return job.noTarget ? COMPARISONS.map((comparison) => ({ ...comparison, target: null })) : COMPARISONS;
}

/** Download of the remote tree at `remotePath` into a fresh local folder per run. */
export function ftpTreeDownloadScenario(context: BenchContext, ftp: FtpServerHandle, remotePath: string, job: TreeJob): Scenario {
  const url = ftpUrl(ftp, remotePath);
  const tool = (name: string, isFerry: boolean, command: (local: string, rssFile: string) => CommandLine): Contender =>
    contender(context, job.id, name, isFerry, async (runName, rssFile) => {
      const target = downloadTarget(context, runName);
      return { line: command(target.local, rssFile), verify: () => checkTree(target.local, job.files, job.fileBytes), cleanUp: keepUntilTheEnd };
    });
  const contenders = (job.ferryOnly ? FERRY_VARIANTS.slice(0, 1) : FERRY_VARIANTS).map(([name, extra]) =>
    tool(name, true, (local, rss) => ferry(context.tools, ['get', '-r', url, local, '--plain', '--on-conflict', 'overwrite', ...extra], rss)),
  );
  if (!job.ferryOnly) {
    for (const parallel of LFTP_PARALLEL) {
      contenders.push(
        tool(`lftp mirror --parallel=${parallel}`, false, (local) =>
          lftp(context.tools, ftp, [`mirror --parallel=${parallel} ${lftpQuote(remotePath)} ${lftpQuote(local)}`]),
        ),
      );
    }
  }
  return {
    id: job.id,
    group: job.group ?? 'ftp-tree',
    title: job.title,
    runs: job.runs,
    work: { files: job.files },
    timeoutMs: timeoutForFiles(job.files),
    contenders,
    comparisons: comparisonsFor(job),
  };
}

/** Upload of the local tree `localTree` into a fresh remote folder per run. */
export function ftpTreeUploadScenario(context: BenchContext, ftp: FtpServerHandle, localTree: string, job: TreeJob): Scenario {
  const tool = (name: string, isFerry: boolean, command: (remotePath: string, rssFile: string) => CommandLine): Contender =>
    contender(context, job.id, name, isFerry, async (runName, rssFile) => {
      const remotePath = `${FTP_UPLOAD_FOLDER}/${runName}`;
      const onDisk = path.join(ftp.root, remotePath);
      await remove(onDisk);
      return { line: command(remotePath, rssFile), verify: () => checkTree(onDisk, job.files, job.fileBytes), cleanUp: keepUntilTheEnd };
    });
  const contenders = FERRY_VARIANTS.map(([name, extra]) =>
    tool(name, true, (remotePath, rss) =>
      ferry(context.tools, ['put', '-r', localTree, ftpUrl(ftp, remotePath), '--plain', '--on-conflict', 'overwrite', ...extra], rss),
    ),
  );
  for (const parallel of LFTP_PARALLEL) {
    contenders.push(
      tool(`lftp mirror --parallel=${parallel}`, false, (remotePath) =>
        lftp(context.tools, ftp, [`mirror -R --parallel=${parallel} ${lftpQuote(localTree)} ${lftpQuote(remotePath)}`]),
      ),
    );
  }
  return {
    id: job.id,
    group: job.group ?? 'ftp-tree',
    title: job.title,
    runs: job.runs,
    work: { files: job.files },
    timeoutMs: timeoutForFiles(job.files),
    contenders,
    comparisons: comparisonsFor(job),
  };
}
