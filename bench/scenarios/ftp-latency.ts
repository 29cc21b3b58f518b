/**
 * 3. A smaller tree of small files over a link with latency (the latency proxy adds a round
 * trip of a few milliseconds), down and up, Ferry against lftp's mirror at equal parallelism.
 * On loopback a small file costs mostly CPU; on a real link it costs round trips, and this
 * shows how many each tool spends. Informative: the targets are for loopback.
 */
import type { FtpServerHandle } from '../../testkit/servers';
import type { Scenario } from '../scenario';
import type { BenchContext } from './common';
import { ftpTreeDownloadScenario, ftpTreeUploadScenario } from './ftp-tree';

/** Remote folder of the tree moved over the delayed link. */
export const FTP_LATENCY_TREE_PATH = '/tree-over-latency';

/**
 * The download and upload over the delayed link. `proxied` is the FTP server as reached
 * through the latency proxy (same root and user, the proxy's port); `localTree` the upload source.
 */
export function ftpLatencyScenarios(context: BenchContext, proxied: FtpServerHandle, localTree: string): Scenario[] {
  const { latencyTreeFiles: files, roundTripMs, smallFileBytes, smallRuns } = context.options;
  const label = `${files.toLocaleString('en-US')} files of ${smallFileBytes / 1024} KiB, ${roundTripMs} ms round trip`;
  const job = { runs: smallRuns, files, fileBytes: smallFileBytes, group: 'ftp-latency' as const, noTarget: true };
  return [
    ftpTreeDownloadScenario(context, proxied, FTP_LATENCY_TREE_PATH, { ...job, id: 'ftp-latency-download', title: `FTP download, ${label}` }),
    ftpTreeUploadScenario(context, proxied, localTree, { ...job, id: 'ftp-latency-upload', title: `FTP upload, ${label}` }),
  ];
}
