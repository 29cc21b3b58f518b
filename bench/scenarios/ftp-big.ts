/** 1. A big file over plain FTP from vsftpd: Ferry's get/put against curl and lftp. */
import path from 'node:path';
import type { FtpServerHandle } from '../../testkit/servers';
import type { CommandLine } from '../command';
import { remove } from '../data';
import type { Contender, Scenario } from '../scenario';
import { curl, curlThenSync, ferry, ftpUrl, lftp, lftpQuote } from '../tools';
import { AT_LEAST_AS_FAST, checkFile, contender, downloadTarget, timeoutForBytes, type BenchContext, type SourceFile } from './common';

const CURL_THEN_SYNC = 'curl, then sync';

/** Remote path of the big file in the FTP root. */
export const FTP_BIG_PATH = '/big.bin';

/** "1 GiB" or "100 MiB". */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(2)} GiB` : `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

const COMPARISONS = [
  { ferry: 'Ferry', peer: 'curl', target: AT_LEAST_AS_FAST },
  { ferry: 'Ferry', peer: 'lftp', target: null },
];
/** Downloads also against curl followed by an fsync: both then end with the bytes on disk. */
const DOWNLOAD_COMPARISONS = [...COMPARISONS, { ferry: 'Ferry', peer: CURL_THEN_SYNC, target: null }];

/**
 * Download of `remotePath` (the same bytes as `source`) into a fresh local file per run,
 * by Ferry, and by curl and lftp unless `ferryOnly` (the memory check's smaller file).
 */
export function ftpDownloadScenario(
  context: BenchContext,
  ftp: FtpServerHandle,
  source: SourceFile,
  remotePath: string,
  job: { id: string; title: string; runs: number; ferryOnly?: boolean; group?: Scenario['group'] },
): Scenario {
  const url = ftpUrl(ftp, remotePath);
  const tool = (name: string, isFerry: boolean, command: (local: string, rssFile: string) => CommandLine): Contender =>
    contender(context, job.id, name, isFerry, async (runName, rssFile) => {
      const target = downloadTarget(context, runName, '.bin');
      return { line: command(target.local, rssFile), verify: () => checkFile(target.local, source), cleanUp: target.cleanUp };
    });
  const contenders = [tool('Ferry', true, (local, rss) => ferry(context.tools, ['get', url, local, '--plain', '--on-conflict', 'overwrite'], rss))];
  if (!job.ferryOnly) {
    contenders.push(
      tool('curl', false, (local) => curl(context.tools, ['-o', local, url])),
      tool('lftp', false, (local) => lftp(context.tools, ftp, [`get ${lftpQuote(remotePath)} -o ${lftpQuote(local)}`])),
      tool(CURL_THEN_SYNC, false, (local) => curlThenSync(context.tools, local, url)),
    );
  }
  return {
    id: job.id,
    group: job.group ?? 'ftp-big',
    title: job.title,
    runs: job.runs,
    work: { bytes: source.bytes },
    timeoutMs: timeoutForBytes(source.bytes),
    contenders,
    comparisons: job.ferryOnly ? [] : DOWNLOAD_COMPARISONS,
  };
}

/** Upload of `source` to a fresh remote file per run, by Ferry, curl and lftp. */
export function ftpUploadScenario(context: BenchContext, ftp: FtpServerHandle, source: SourceFile): Scenario {
  const id = 'ftp-big-upload';
  const tool = (name: string, isFerry: boolean, command: (remotePath: string, rssFile: string) => CommandLine): Contender =>
    contender(context, id, name, isFerry, async (runName, rssFile) => {
      const remotePath = `/${runName}.bin`;
      const onDisk = path.join(ftp.root, remotePath);
      await remove(onDisk);
      return { line: command(remotePath, rssFile), verify: () => checkFile(onDisk, source), cleanUp: () => remove(onDisk) };
    });
  return {
    id,
    group: 'ftp-big',
    title: `FTP upload, one ${sizeLabel(source.bytes)} file`,
    runs: context.options.bigRuns,
    work: { bytes: source.bytes },
    timeoutMs: timeoutForBytes(source.bytes),
    contenders: [
      tool('Ferry', true, (remotePath, rss) => ferry(context.tools, ['put', source.path, ftpUrl(ftp, remotePath), '--plain', '--on-conflict', 'overwrite'], rss)),
      tool('curl', false, (remotePath) => curl(context.tools, ['-T', source.path, ftpUrl(ftp, remotePath)])),
      tool('lftp', false, (remotePath) => lftp(context.tools, ftp, [`put ${lftpQuote(source.path)} -o ${lftpQuote(remotePath)}`])),
    ],
    comparisons: COMPARISONS,
  };
}
