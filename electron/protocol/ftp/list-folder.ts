/**
 * Listing a folder: MLSD when FEAT lists MLST (machine-readable, UTC), else
 * `LIST -a` when hidden entries are wanted (plain `LIST` if the server refuses the
 * option), else `LIST`. Ferry changes into the folder and lists without an argument:
 * a path argument is read as options (`-x`) or a glob (`*`, `[`) by some servers.
 *
 * The listing is read whole (it must be, to join wrapped VMS lines) but bounded:
 * a hostile server cannot make Ferry buffer more than {@link MAX_LISTING_BYTES}.
 * Lines no parser understood and names refused as unsafe are logged as warnings,
 * never silently dropped.
 */
import { FerryError } from '../../../shared/errors';
import type { RemoteEntry } from '../../../shared/types/remote';
import { escapeEntryName } from '../entry-name';
import { ftpCommand } from './command';
import { formatSeconds } from './tcp';
import { dataEnd } from './data-end';
import { IdleTimer } from './idle-timer';
import { parseListListing, parseMlsdListing, type ParsedListing } from './listing';
import { FtpReplyError } from './reply-errors';
import { enterDir, type FtpSession } from './session';
import { abortTransfer, finalReply, hardClose, openTransfer, type OpenedTransfer, type TransferRequest } from './transfer';

/** The most bytes one listing may have (about a million entries). */
export const MAX_LISTING_BYTES = 128 * 1024 * 1024;

/** Lists `dir` (absolute). Must run inside a task of the session's queue. */
export async function listFolder(session: FtpSession, dir: string, options: { hidden?: boolean; signal?: AbortSignal } = {}): Promise<RemoteEntry[]> {
  await enterDir(session, dir);
  const mlsd = session.capabilities.mlsd;
  const useListAll = !mlsd && options.hidden === true && !session.listAllRefused;
  const verb = mlsd ? 'MLSD' : 'LIST';
  const request: TransferRequest = {
    command: useListAll ? ftpCommand('LIST', '-a') : ftpCommand(verb),
    what: `list ${dir}`,
    action: 'read',
  };
  let bytes: Buffer;
  try {
    bytes = await receiveListing(session, request, options.signal);
  } catch (error) {
    if (useListAll && error instanceof FtpReplyError && error.replyCode >= 500) {
      session.listAllRefused = true;
      session.log.status('The server refused "LIST -a"; listing without hidden entries.');
      return listFolder(session, dir, { ...options, hidden: false });
    }
    throw error;
  }
  const text = session.ctl.charset.decode(bytes);
  if (text.includes('\uFFFD')) {
    session.log.warning(`Some names in ${dir} are not valid ${session.ctl.charset.name}; set the site's charset if they look wrong.`);
  }
  const parsed = mlsd
    ? parseMlsdListing(text, { serverTimeOffsetMinutes: session.serverTimeOffsetMinutes })
    : parseListListing(text, { serverTimeOffsetMinutes: session.serverTimeOffsetMinutes });
  reportProblems(session, dir, parsed);
  return parsed.entries;
}

function reportProblems(session: FtpSession, dir: string, parsed: ParsedListing): void {
  for (const line of parsed.unparsed) session.log.warning(`Could not read this line of the listing of ${dir}: ${line}`);
  for (const rejected of parsed.rejected) {
    session.log.warning(`Skipped the entry "${escapeEntryName(rejected.name)}" in ${dir}: ${rejected.reason}.`);
  }
}

/** Runs the listing transfer and returns its bytes once the server confirmed it. */
async function receiveListing(session: FtpSession, request: TransferRequest, signal: AbortSignal | undefined): Promise<Buffer> {
  if (signal?.aborted) throw new FerryError('CANCELLED', 'The listing was cancelled.');
  const opened = await openTransfer(session, request);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const limit = session.timeouts.dataIdleMs;
      const idle = new IdleTimer(limit, () => stop(new FerryError('TIMEOUT', `The listing stalled: no data for ${formatSeconds(limit)}.`)));
      const onAbort = (): void => stop(new FerryError('CANCELLED', 'The listing was cancelled.'));
      const stop = (error?: Error): void => {
        idle.stop();
        signal?.removeEventListener('abort', onAbort);
        opened.socket.removeAllListeners('data');
        if (error) reject(error);
        else resolve();
      };
      opened.socket.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > MAX_LISTING_BYTES) {
          stop(new FerryError('PROTOCOL_ERROR', `The listing is larger than ${MAX_LISTING_BYTES / (1024 * 1024)} MiB; Ferry stopped reading it.`));
          return;
        }
        chunks.push(chunk);
        idle.touch();
      });
      void dataEnd(opened.socket).then((clean) =>
        clean ? stop() : stop(new FerryError('CONNECTION_LOST', 'The data connection broke during the listing.')),
      );
      opened.socket.on('error', () => {});
      signal?.addEventListener('abort', onAbort, { once: true });
      idle.touch();
    });
  } catch (error) {
    throw await abortOrSettle(session, opened, request, error as Error);
  }
  await finalReply(session, opened, request);
  return Buffer.concat(chunks, total);
}

/**
 * Ends a failed listing and returns the error to report. When the data connection
 * broke, the server's final reply is read (keeping the connection in step) and, if it
 * is a refusal, reported instead; anything else (stall, cancel, too large) is aborted.
 */
async function abortOrSettle(session: FtpSession, opened: OpenedTransfer, request: TransferRequest, error: Error): Promise<Error> {
  if (error instanceof FerryError && error.code === 'CONNECTION_LOST') {
    hardClose(opened);
    try {
      await finalReply(session, opened, request);
    } catch (replyError) {
      return replyError as Error;
    }
    return error;
  }
  await abortTransfer(session, opened, error.message);
  return error;
}
