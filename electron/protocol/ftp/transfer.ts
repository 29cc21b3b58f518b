/**
 * The parts every data transfer shares (download, upload, listing):
 *
 *   data connection set up (EPSV/PASV/EPRT/PORT) → [REST n → 350] → command →
 *   1xx → [TLS on the data connection, resuming the control session] → bytes →
 *   data connection ends AND final 2xx reply → done.
 *
 * Order: the transfer command is sent, and its 1xx awaited, before the TLS
 * handshake starts on the data connection. pyftpdlib needs that order (as Python's
 * ftplib and lftp do it), and vsftpd accepts it.
 *
 * A cancelled or failed transfer is aborted with ABOR, then the reply stream is
 * re-synchronised with a PWD whose 257 marks "everything before is stale"; if that
 * does not come back in time, the connection is failed instead of being reused
 * half-synchronised.
 */
import type net from 'node:net';
import type tls from 'node:tls';
import { FerryError } from '../../../shared/errors';
import { ftpCommand, type FtpCommand } from './command';
import type { PendingDataConnection } from './data-channel';
import type { PooledReads } from './pooled-reads';
import { isCompletion, isPreliminary, replyText, type FtpReply } from './reply';
import { errorFromReply, type FtpAction } from './reply-errors';
import type { FtpSession } from './session';
import { assertSameCertificate, startTls } from './tls-trust';

/** What to start. */
export interface TransferRequest {
  command: FtpCommand;
  /** What is being done, in the user's words ("download /a.txt"); starts error messages. */
  what: string;
  action: FtpAction;
  /** Resume from this byte: `REST n` must be answered 350. */
  restOffset?: number;
}

/** A started transfer. */
export interface OpenedTransfer {
  /** The data connection (TLS when PROT P is in force). */
  socket: net.Socket;
  /** The TCP socket under it, for a hard reset on abort. */
  tcp: net.Socket;
  /** The 1xx reply (e.g. `150 Opening BINARY mode data connection for a.txt (1234 bytes).`). */
  preliminary: FtpReply;
  /** Set when the server answered 2xx at once instead of 1xx (an empty listing on some servers). */
  earlyFinal: FtpReply | null;
  /** The pooled reads the socket delivers its bytes through, if it was opened with them; else use 'data' events. */
  reads: PooledReads | null;
}

/** Starts a transfer; see the file comment. Must run inside a task of the session's queue. */
export async function openTransfer(session: FtpSession, request: TransferRequest, pooledReads?: PooledReads): Promise<OpenedTransfer> {
  // Pooled reads only without TLS: a TLS socket reads its TCP socket itself.
  const reads = session.protectedData ? undefined : pooledReads;
  const resume = request.restOffset !== undefined && request.restOffset > 0;
  const pipelined = resume ? null : session.data.pipelinedCommand;
  if (pipelined) return openPipelined(session, request, pipelined, reads);
  const pending = await session.data.prepare(reads);
  return begin(session, request, pending, async () => {
    if (resume) {
      const rest = await session.ctl.command(ftpCommand('REST', String(request.restOffset)));
      if (rest.code !== 350) {
        throw new FerryError(
          'UNSUPPORTED',
          `Could not ${request.what} from byte ${request.restOffset}: the server refused to resume (${replyText(rest)}). Start it again from the beginning.`,
          replyText(rest),
        );
      }
    }
    session.ctl.send(request.command);
  });
}

/**
 * The passive command and the transfer command in one write (see
 * DataChannelOpener.pipelinedCommand). Never with REST: a refused REST must stop the
 * transfer command from running, so that one waits for the 350.
 */
async function openPipelined(session: FtpSession, request: TransferRequest, verb: 'EPSV' | 'PASV', reads: PooledReads | undefined): Promise<OpenedTransfer> {
  session.ctl.send(ftpCommand(verb), request.command);
  let pending: PendingDataConnection;
  try {
    pending = await session.data.connectPipelined(verb, reads);
  } catch (error) {
    noteLostCommand(session, error);
    // The transfer command is on its way: it may wait for a data connection that never
    // comes, or answer with an error. ABOR and a marker settle whichever it does.
    await abortTransfer(session, null, 'the data connection could not be opened');
    throw error;
  }
  return begin(session, request, pending).catch((error: unknown) => {
    noteLostCommand(session, error);
    throw error;
  });
}

/**
 * With the data connection set up: `send` (what leads to the transfer command, if it is
 * not on its way yet), the command's first reply, then the socket (TLS when in force).
 */
async function begin(session: FtpSession, request: TransferRequest, pending: PendingDataConnection, send?: () => Promise<void>): Promise<OpenedTransfer> {
  let tcp: net.Socket | null = null;
  let started = false;
  try {
    await send?.();
    const first = await firstReply(session, request);
    started = isPreliminary(first);
    tcp = await pending.socket();
    return await opened(session, tcp, first, pending);
  } catch (error) {
    pending.close();
    tcp?.destroy();
    // The server started (1xx) and will still send a final reply: abort and settle,
    // so that reply cannot answer a later command.
    if (started) await abortTransfer(session, null, 'the data connection could not be used');
    throw error;
  }
}

/** No answer in time to pipelined commands: the server (or a router) may lose them; stop pipelining to it. */
function noteLostCommand(session: FtpSession, error: unknown): void {
  if (error instanceof FerryError && error.code === 'TIMEOUT') session.data.pipeliningFailed();
}

/** The transfer command's first reply: 1xx, or 2xx at once; anything else is thrown. */
async function firstReply(session: FtpSession, request: TransferRequest): Promise<FtpReply> {
  const first = await session.ctl.readReply(`the reply to ${request.command.logText}`);
  if (!isPreliminary(first) && !isCompletion(first)) throw errorFromReply(first, request.what, request.action);
  return first;
}

/** The started transfer on `tcp`, secured when PROT P is in force. */
async function opened(session: FtpSession, tcp: net.Socket, first: FtpReply, pending: PendingDataConnection): Promise<OpenedTransfer> {
  const socket = session.protectedData ? await secureDataConnection(session, tcp) : tcp;
  return { socket, tcp, preliminary: first, earlyFinal: isCompletion(first) ? first : null, reads: pending.reads ?? null };
}

async function secureDataConnection(session: FtpSession, tcp: net.Socket): Promise<tls.TLSSocket> {
  const tlsSession = await session.ctl.sessionForData(Math.min(2_000, session.timeouts.connectMs));
  const socket = await startTls({ socket: tcp, host: session.host, session: tlsSession, timeoutMs: session.timeouts.connectMs, ...session.tlsOptions });
  try {
    assertSameCertificate(socket, session.certificate);
  } catch (error) {
    socket.destroy();
    throw error;
  }
  if (!socket.isSessionReused()) session.log.status('The data connection did not resume the TLS session (some servers refuse that).');
  return socket;
}

/**
 * The final reply of a transfer (skipping further 1xx), within the reply limit. A
 * failed reply becomes a FerryError; partial data never counts as success.
 */
export async function finalReply(session: FtpSession, opened: OpenedTransfer, request: TransferRequest): Promise<FtpReply> {
  let reply = opened.earlyFinal;
  while (reply === null || isPreliminary(reply)) {
    reply = await session.ctl.readReply(`the end of: ${request.what}`);
  }
  if (!isCompletion(reply)) throw errorFromReply(reply, request.what, request.action);
  return reply;
}

/**
 * Aborts a running transfer: resets the data connection, sends ABOR and
 * re-synchronises (see the file comment). Never rejects; a connection that cannot be
 * re-synchronised is failed.
 */
export async function abortTransfer(session: FtpSession, opened: OpenedTransfer | null, reason: string): Promise<void> {
  if (opened) hardClose(opened);
  if (!session.ctl.isOpen) return;
  // An upload watches for the server's reply while it sends; that reader steps aside.
  session.ctl.releaseReader();
  session.log.status(`Aborting the transfer: ${reason}`);
  try {
    session.ctl.send(ftpCommand('ABOR'));
  } catch {
    return;
  }
  await resynchronise(session);
}

/**
 * Reads and drops replies until the answer to a marker PWD (257) arrives. ABOR may
 * be answered by one or two replies (426 then 226, or just 225/226), so counting
 * them is not reliable; a marker is.
 */
export async function resynchronise(session: FtpSession): Promise<void> {
  const ctl = session.ctl;
  try {
    ctl.send(ftpCommand('PWD'));
    const deadline = Date.now() + session.timeouts.replyMs;
    for (let i = 0; i < 16; i++) {
      const reply = await ctl.readReply('the server to settle after an aborted transfer', Math.max(1, deadline - Date.now()));
      if (reply.code === 257) return;
    }
    ctl.fail(new FerryError('PROTOCOL_ERROR', 'The server did not settle after an aborted transfer; Ferry closed the connection.'));
  } catch {
    // readReply failed the connection already (timeout or loss).
  }
}

/** Closes a data connection at once, with a TCP reset where possible so the server sees an abort, not an end. */
export function hardClose(opened: OpenedTransfer): void {
  try {
    if (!opened.tcp.destroyed) opened.tcp.resetAndDestroy();
  } catch {
    // Not every socket state allows a reset; destroy is enough then.
  }
  opened.tcp.destroy();
  opened.socket.destroy();
}
