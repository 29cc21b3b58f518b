/**
 * 3. Listing a folder with many entries over plain FTP: `ferry ls` (text and --json)
 * against curl's name-only listing (NLST) and full listing (LIST).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FtpServerHandle } from '../../testkit/servers';
import type { CommandLine } from '../command';
import { remove } from '../data';
import type { Contender, Scenario } from '../scenario';
import { curl, ferry, ftpUrl } from '../tools';
import { contender, type BenchContext } from './common';

/** Remote folder with the many entries. */
export const FTP_LIST_PATH = '/list';

/** How many entries a tool printed: lines of text, or the length of a JSON array. */
type Counter = (output: string) => number;
const countLines: Counter = (output) => output.split('\n').filter((line) => line.trim() !== '').length;
const countJson: Counter = (output) => {
  const parsed: unknown = JSON.parse(output);
  if (!Array.isArray(parsed)) throw new Error('the output is not a JSON array');
  return parsed.length;
};

/** The listing scenario for the folder {@link FTP_LIST_PATH} holding `entries` entries. */
export function ftpListScenario(context: BenchContext, ftp: FtpServerHandle, entries: number): Scenario {
  const id = 'ftp-list';
  // The trailing slash tells curl the path is a folder to list.
  const url = ftpUrl(ftp, `${FTP_LIST_PATH}/`);
  const tool = (name: string, isFerry: boolean, counter: Counter, command: (stdoutFile: string, rssFile: string) => CommandLine): Contender =>
    contender(context, id, name, isFerry, async (runName, rssFile) => {
      const stdoutFile = path.join(context.workspace.downloads, `${runName}.txt`);
      return {
        line: command(stdoutFile, rssFile),
        async verify() {
          let count: number;
          try {
            count = counter(await fs.promises.readFile(stdoutFile, 'utf8'));
          } catch (error) {
            return `unreadable output: ${(error as Error).message}`;
          }
          return count === entries ? null : `listed ${count} of ${entries} entries`;
        },
        cleanUp: () => remove(stdoutFile),
      };
    });
  return {
    id,
    group: 'ftp-list',
    title: `FTP listing of a folder with ${entries.toLocaleString('en-US')} entries`,
    runs: context.options.smallRuns,
    work: { entries },
    timeoutMs: 120_000 + entries * 5,
    contenders: [
      tool('Ferry ls', true, countLines, (out, rss) => ferry(context.tools, ['ls', url, '--plain'], rss, out)),
      tool('Ferry ls --json', true, countJson, (out, rss) => ferry(context.tools, ['ls', url, '--plain', '--json'], rss, out)),
      tool('curl --list-only (NLST)', false, countLines, (out) => curl(context.tools, ['--list-only', url], out)),
      tool('curl (LIST)', false, countLines, (out) => curl(context.tools, [url], out)),
    ],
    comparisons: [
      // The issue sets no target for listings (curl prints the server's bytes; Ferry parses,
      // sorts and formats them): a comparison to watch, not a goal.
      { ferry: 'Ferry ls', peer: 'curl (LIST)', target: null },
      { ferry: 'Ferry ls', peer: 'curl --list-only (NLST)', target: null },
      { ferry: 'Ferry ls --json', peer: 'curl (LIST)', target: null },
    ],
  };
}
