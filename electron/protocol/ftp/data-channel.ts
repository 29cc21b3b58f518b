/**
 * Opening data connections: passive (EPSV, then PASV) or active (EPRT, then PORT).
 *
 * - Passive first: EPSV (the only passive command on IPv6), then PASV; what worked
 *   is remembered for the rest of the connection so later transfers skip refusals.
 * - Security: the address in a 227 reply is ignored by default; Ferry connects to the
 *   control connection's peer and only takes the port. Otherwise a hostile server
 *   could aim Ferry at another host on the user's network ("FTP bounce" in reverse).
 * - Active mode listens on the local address of the control connection (a port from
 *   the configured range), announces it (or the configured external address), and
 *   accepts exactly one connection, and only from the server's address: anyone else
 *   connecting first could otherwise receive an upload or feed a forged download
 *   (RFC 2577 §"Protecting Against Data Theft").
 * - dataMode 'default' means passive; only when the server refuses both EPSV and PASV
 *   (5xx replies, not a network failure) does Ferry fall back to active mode. A
 *   passive connection that cannot be opened is reported, not silently retried in
 *   active mode: behind NAT active mode usually fails too, only slower.
 */
import net from 'node:net';
import { FerryError } from '../../../shared/errors';
import { ftpCommand } from './command';
import type { ControlConnection } from './control-connection';
import { connectTcp, formatSeconds } from './tcp';
import { formatEprtArgument, formatPortArgument, parseEpsvReply, parsePasvReply, sameAddress, unmapIpv4 } from './data-address';
import { watchDataEnd } from './data-end';
import type { PooledReads } from './pooled-reads';
import { isCompletion, replyText, type FtpReply } from './reply';
import { errorFromReply } from './reply-errors';

/** How data connections are opened on a site. */
export type DataMode = 'default' | 'passive' | 'active';
/** The command that set up a data connection. */
export type DataChannelCommand = 'EPSV' | 'PASV' | 'EPRT' | 'PORT';

/** Settings of {@link DataChannelOpener}. */
export interface DataChannelSettings {
  dataMode: DataMode;
  /** Use the address of a 227 reply instead of the control peer (off by default; see the file comment). */
  usePasvAddress: boolean;
  /** Ports to listen on in active mode, inclusive; absent = any free port. */
  activePortRange?: [number, number];
  /** The address to announce in active mode (behind NAT); absent = the control connection's local address. */
  activeExternalAddress?: string;
  connectMs: number;
}

/** A data connection being set up: passive ones are connected already, active ones wait for the server. */
export interface PendingDataConnection {
  /** How it was set up. */
  readonly command: DataChannelCommand;
  /** The connected TCP socket (active mode: once the server connects, within the connect limit). */
  socket(): Promise<net.Socket>;
  /** Gives up: closes the socket or the listener. */
  close(): void;
  /** What the socket reads through, when it was opened with pooled reads (passive only). */
  readonly reads?: PooledReads | null;
}

/**
 * Servers (`host:port`) that lost a pipelined command in this process. lftp leaves pipelining
 * off by default because some servers and routers mishandle it; Ferry pipelines until it
 * sees that happen, then sends such a server one command at a time.
 */
const noPipelining = new Set<string>();

/** Opens data connections for one control connection; see the file comment. */
export class DataChannelOpener {
  private passiveRefused = new Set<'EPSV' | 'PASV'>();
  private activeRefused = new Set<'EPRT' | 'PORT'>();
  private fellBackToActive = false;
  /** The passive command that opened a data connection on this connection, once one did. */
  private passiveWorked: 'EPSV' | 'PASV' | null = null;
  private lastCommand: DataChannelCommand | null = null;

  constructor(
    private readonly ctl: ControlConnection,
    private readonly settings: DataChannelSettings,
  ) {}

  /** The command that opened the last data connection, or null before the first. */
  get lastUsed(): DataChannelCommand | null {
    return this.lastCommand;
  }

  /**
   * Sets up the next data connection (call inside a task, right before the transfer
   * command). A passive connection reads through `reads` when given (pooled-reads.ts);
   * an active one, which the server opens, cannot.
   */
  async prepare(reads?: PooledReads): Promise<PendingDataConnection> {
    const active = this.settings.dataMode === 'active' || this.fellBackToActive;
    const pending = active ? await this.prepareActive() : await this.preparePassive(reads);
    this.lastCommand = pending.command;
    return pending;
  }

  /**
   * The passive command to send together with the next transfer command (pipelined), or
   * null to use {@link prepare}. Only once that command has worked on this connection, in
   * passive mode: the server then answers it, and the transfer command waits for the data
   * connection Ferry opens after reading that answer. One write and one round trip less
   * per file.
   */
  get pipelinedCommand(): 'EPSV' | 'PASV' | null {
    if (this.settings.dataMode === 'active' || this.fellBackToActive || noPipelining.has(this.ctl.server)) return null;
    return this.passiveWorked;
  }

  /** A pipelined transfer got no answer in time: from now on this server gets one command at a time. */
  pipeliningFailed(): void {
    if (noPipelining.has(this.ctl.server)) return;
    noPipelining.add(this.ctl.server);
    this.ctl.log.warning('The server did not answer commands sent together; Ferry sends it one command at a time from now on.');
  }

  /**
   * Connects the data connection of a {@link pipelinedCommand} that was sent already:
   * reads its reply and connects to the port it names. A refusal is thrown as an error
   * (the caller must settle the transfer command that followed it).
   */
  async connectPipelined(verb: 'EPSV' | 'PASV', reads?: PooledReads): Promise<PendingDataConnection> {
    const reply = await this.ctl.finalReply(verb);
    if (!isCompletion(reply)) throw errorFromReply(reply, `open a data connection (${verb})`);
    const pending = await this.connectPassive(verb, reply, reads);
    this.lastCommand = verb;
    return pending;
  }

  private async preparePassive(reads?: PooledReads): Promise<PendingDataConnection> {
    const ipv6 = net.isIPv6(unmapIpv4(this.ctl.remoteAddress));
    const candidates = (['EPSV', 'PASV'] as const).filter((c) => !this.passiveRefused.has(c) && !(c === 'PASV' && ipv6));
    for (const verb of candidates) {
      const reply = await this.ctl.command(ftpCommand(verb));
      if (reply.code >= 500) {
        this.passiveRefused.add(verb);
        this.ctl.log.status(`The server refused ${verb}; ${verb === 'EPSV' && !ipv6 ? 'trying PASV' : 'no other passive command left'}.`);
        continue;
      }
      if (!isCompletion(reply)) throw errorFromReply(reply, `open a data connection (${verb})`);
      const pending = await this.connectPassive(verb, reply, reads);
      this.passiveWorked = verb;
      return pending;
    }
    if (this.settings.dataMode === 'default') {
      this.ctl.log.warning('The server refuses passive mode; switching to active mode for this connection.');
      this.fellBackToActive = true;
      return this.prepareActive();
    }
    throw new FerryError('UNSUPPORTED', 'The server refused passive mode (EPSV and PASV). Try active mode for this site.');
  }

  /** Connects to the port a 229/227 `reply` names (for PASV only the port, unless told otherwise: see the file comment). */
  private async connectPassive(verb: 'EPSV' | 'PASV', reply: FtpReply, reads?: PooledReads): Promise<PendingDataConnection> {
    const text = replyText(reply);
    let host = this.ctl.remoteAddress;
    let port: number;
    if (verb === 'EPSV') {
      port = parseEpsvReply(text);
    } else {
      const announced = parsePasvReply(text);
      port = announced.port;
      if (this.settings.usePasvAddress) host = announced.host;
      else if (!sameAddress(announced.host, host)) {
        this.ctl.log.status(`Ignoring the address ${announced.host} in the PASV reply; connecting to the server's address ${unmapIpv4(host)}.`);
      }
    }
    const socket = await connectTcp(host, port, this.settings.connectMs, undefined, 'the data port', reads?.onread);
    watchDataEnd(socket);
    return { command: verb, socket: () => Promise.resolve(socket), close: () => socket.destroy(), reads: reads ?? null };
  }

  private async prepareActive(): Promise<PendingDataConnection> {
    const localAddress = unmapIpv4(this.ctl.localAddress);
    const listener = await listenInRange(localAddress, this.settings.activePortRange);
    const address = listener.address() as net.AddressInfo;
    const announced = { host: this.settings.activeExternalAddress ?? localAddress, port: address.port };
    const accepted = acceptFromServer(listener, this.ctl);
    try {
      for (const verb of (['EPRT', 'PORT'] as const).filter((c) => !this.activeRefused.has(c))) {
        if (verb === 'PORT' && !net.isIPv4(announced.host)) break;
        const argument = verb === 'EPRT' ? formatEprtArgument(announced) : formatPortArgument(announced);
        const reply = await this.ctl.command(ftpCommand(verb, argument));
        if (isCompletion(reply)) {
          return { command: verb, socket: () => accepted.take(this.settings.connectMs), close: () => accepted.close() };
        }
        if (reply.code >= 500) {
          this.activeRefused.add(verb);
          continue;
        }
        throw errorFromReply(reply, `open a data connection (${verb})`);
      }
      throw new FerryError('UNSUPPORTED', 'The server refused active mode (EPRT and PORT). Try passive mode for this site.');
    } catch (error) {
      accepted.close();
      throw error;
    }
  }
}

/** Listens on `host`, on a port from `range` (tried from a random start), or any port. */
async function listenInRange(host: string, range: [number, number] | undefined): Promise<net.Server> {
  if (!range) return listenOn(host, 0);
  const [low, high] = range[0] <= range[1] ? range : [range[1], range[0]];
  if (low < 1 || high > 65535) throw new FerryError('INVALID_INPUT', `The active-mode port range ${low}-${high} is not valid.`);
  const count = high - low + 1;
  const start = Math.floor(Math.random() * count);
  for (let i = 0; i < count; i++) {
    const port = low + ((start + i) % count);
    try {
      return await listenOn(host, port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' && (error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
    }
  }
  throw new FerryError('CONNECTION_REFUSED', `No free port in the active-mode range ${low}-${high}.`);
}

function listenOn(host: string, port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** The one connection an active-mode listener accepts; see the file comment. */
function acceptFromServer(listener: net.Server, ctl: ControlConnection): { take(timeoutMs: number): Promise<net.Socket>; close(): void } {
  let socket: net.Socket | null = null;
  let waiter: ((socket: net.Socket) => void) | null = null;
  listener.on('connection', (incoming: net.Socket) => {
    if (socket || !sameAddress(incoming.remoteAddress, ctl.remoteAddress)) {
      ctl.log.warning(`Refused a data connection from ${incoming.remoteAddress ?? 'an unknown address'}: it is not the server.`);
      incoming.destroy();
      return;
    }
    socket = incoming;
    watchDataEnd(incoming);
    listener.close();
    waiter?.(incoming);
  });
  listener.on('error', () => listener.close());
  return {
    take(timeoutMs) {
      if (socket) return Promise.resolve(socket);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listener.close();
          reject(
            new FerryError(
              'TIMEOUT',
              `The server did not connect back within ${formatSeconds(timeoutMs)} (active mode). A firewall or NAT may block it; try passive mode.`,
            ),
          );
        }, timeoutMs);
        waiter = (s) => {
          clearTimeout(timer);
          resolve(s);
        };
      });
    },
    close() {
      listener.close();
      socket?.destroy();
    },
  };
}
