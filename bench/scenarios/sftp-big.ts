/** 4. A big file over SFTP from OpenSSH's sshd: Ferry's get/put against OpenSSH's `sftp -b`. */
import fs from 'node:fs';
import path from 'node:path';
import type { SshServerHandle } from '../../testkit/servers';
import type { CommandLine } from '../command';
import { remove } from '../data';
import type { Contender, Scenario } from '../scenario';
import { ferry, ferrySftpFlags, opensshSftp, sftpQuote, sftpUrl } from '../tools';
import { checkFile, contender, downloadTarget, timeoutForBytes, type BenchContext, type SourceFile } from './common';
import { sizeLabel } from './ftp-big';

const OPENSSH_FSYNC = 'OpenSSH sftp -f';

/** Name of the big file in the sshd root (SFTP paths are absolute: `${root}/big.bin`). */
export const SFTP_BIG_NAME = 'big.bin';

/** The SFTP download and upload scenarios. */
export function sftpScenarios(context: BenchContext, ssh: SshServerHandle, source: SourceFile): Scenario[] {
  const remoteSource = path.join(ssh.root, SFTP_BIG_NAME);
  const ferryFlags = [...ferrySftpFlags(ssh), '--on-conflict', 'overwrite'];
  /** `sftp -b` reads its commands from a file: one per run. */
  const opensshBatch = async (runName: string, command: string, fsync = false): Promise<{ line: CommandLine; file: string }> => {
    const file = path.join(context.workspace.dir, `${runName}.sftp-batch`);
    await fs.promises.writeFile(file, `${command}\n`);
    return { line: opensshSftp(context.tools, ssh, file, { fsync }), file };
  };

  const download = (name: string, isFerry: boolean, fsync = false): Contender =>
    contender(context, 'sftp-big-download', name, isFerry, async (runName, rssFile) => {
      const target = downloadTarget(context, runName, '.bin');
      const batch = isFerry ? null : await opensshBatch(runName, `get ${sftpQuote(remoteSource)} ${sftpQuote(target.local)}`, fsync);
      return {
        line: batch?.line ?? ferry(context.tools, ['get', sftpUrl(ssh, remoteSource), target.local, ...ferryFlags], rssFile),
        verify: () => checkFile(target.local, source),
        async cleanUp() {
          await target.cleanUp();
          if (batch) await remove(batch.file);
        },
      };
    });

  const upload = (name: string, isFerry: boolean): Contender =>
    contender(context, 'sftp-big-upload', name, isFerry, async (runName, rssFile) => {
      const remoteTarget = path.join(ssh.root, `${runName}.bin`);
      await remove(remoteTarget);
      const batch = isFerry ? null : await opensshBatch(runName, `put ${sftpQuote(source.path)} ${sftpQuote(remoteTarget)}`);
      return {
        line: batch?.line ?? ferry(context.tools, ['put', source.path, sftpUrl(ssh, remoteTarget), ...ferryFlags], rssFile),
        verify: () => checkFile(remoteTarget, source),
        async cleanUp() {
          await remove(remoteTarget);
          if (batch) await remove(batch.file);
        },
      };
    });

  const common = {
    group: 'sftp-big' as const,
    runs: context.options.bigRuns,
    work: { bytes: source.bytes },
    timeoutMs: timeoutForBytes(source.bytes),
    comparisons: [{ ferry: 'Ferry', peer: 'OpenSSH sftp', target: null }],
  };
  return [
    {
      ...common,
      id: 'sftp-big-download',
      title: `SFTP download, one ${sizeLabel(source.bytes)} file`,
      contenders: [download('Ferry', true), download('OpenSSH sftp', false), download(OPENSSH_FSYNC, false, true)],
      // Ferry fsyncs a download before it is done; `sftp -f` does too, plain `sftp` does not.
      comparisons: [...common.comparisons, { ferry: 'Ferry', peer: OPENSSH_FSYNC, target: null }],
    },
    {
      ...common,
      id: 'sftp-big-upload',
      title: `SFTP upload, one ${sizeLabel(source.bytes)} file`,
      contenders: [upload('Ferry', true), upload('OpenSSH sftp', false)],
    },
  ];
}
