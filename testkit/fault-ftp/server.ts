/**
 * A scripted FTP server for fault tests: a small, permissive FTP server on loopback
 * whose every command can be overridden by a test to misbehave on purpose (drop the
 * connection mid-transfer, stall, lie about sizes, answer with 10 MB lines, point
 * PASV elsewhere, inject replies around AUTH TLS, …).
 *
 * It records every byte and every command line it received, so a test can prove
 * that something was never sent. It is not a real FTP server: one user, files in
 * memory, no permissions.
 */
import net from 'node:net';
import tls from 'node:tls';
import { parseEprtArgument, parsePortArgument } from '../../electron/protocol/ftp/data-address';
import type { TestCertificate } from '../servers/types';

/** A command handler: answer through `session`. May be async. */
export type FaultHandler = (session: FaultSession, argument: string) => void | Promise<void>;

/** Options of {@link startFaultFtpServer}. */
export interface FaultFtpOptions {
  /** The greeting, written as given plus CRLF (default `220 Fault FTP ready`). A function may do anything. */
  greeting?: string | ((session: FaultSession) => void | Promise<void>);
  /** FEAT lines (without the leading space). Default: SIZE, MDTM, REST STREAM, UTF8, EPSV. */
  features?: string[];
  /** Files by absolute path. */
  files?: Record<string, Buffer | string>;
  /** Overrides by upper-case verb. */
  handlers?: Record<string, FaultHandler>;
  /** Offered after AUTH TLS; without it AUTH is refused with 502. */
  certificate?: TestCertificate;
  /** Accept only this user/password (default: any). */
  credentials?: { user: string; password: string };
}

/** A running fault server. */
export interface FaultFtpServer {
  host: '127.0.0.1';
  port: number;
  /** Every command line received (all sessions, in order), decoded as UTF-8. */
  readonly commands: string[];
  /** Every byte received on control connections (before and after TLS), for "never sent" checks. */
  received(): Buffer;
  /** The files as they are now (uploads land here). */
  readonly files: Map<string, Buffer>;
  /** Resolves when a command with this verb has been received (or already was). */
  waitForCommand(verb: string, timeoutMs?: number): Promise<string>;
  /** Resolves when `count` control connections have been accepted. */
  waitForSessions(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves when `count` control connections have closed. */
  waitForClosedSessions(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** One client's control connection as a handler sees it. */
export interface FaultSession {
  /** The control socket (TLS after AUTH TLS). */
  readonly socket: net.Socket;
  readonly server: FaultFtpServer;
  /** The offset of the last REST, reset after a transfer command. */
  restOffset: number;
  /** Writes `line` + CRLF. */
  reply(line: string): void;
  /** Writes raw bytes. */
  write(data: string | Buffer): Promise<void>;
  /** Listens for a passive data connection and returns its port. */
  openPassive(): Promise<number>;
  /** The data connection of the last EPSV/PASV/PORT/EPRT (waits for it). */
  dataSocket(): Promise<net.Socket>;
  /** Runs the built-in behaviour for a verb (to wrap it). */
  standard(verb: string, argument: string): Promise<void>;
  /** Upgrades the control connection to TLS (server side). */
  startTls(): Promise<void>;
  /** Drops the control connection (and any data connection) at once. */
  destroy(): void;
  /** True once the control connection closed. */
  readonly closed: boolean;
}

const DEFAULT_FEATURES = ['SIZE', 'MDTM', 'REST STREAM', 'UTF8', 'EPSV'];

/** Starts a fault server on 127.0.0.1 (a free port the kernel picks). */
export async function startFaultFtpServer(options: FaultFtpOptions = {}): Promise<FaultFtpServer> {
  const files = new Map<string, Buffer>();
  for (const [name, content] of Object.entries(options.files ?? {})) files.set(name, Buffer.from(content));
  const commands: string[] = [];
  const receivedChunks: Buffer[] = [];
  const commandWaiters: { verb: string; resolve: (line: string) => void }[] = [];
  const sockets = new Set<net.Socket>();
  const servers = new Set<net.Server>();
  let closedSessions = 0;
  let openedSessions = 0;
  const openWaiters: { count: number; resolve: () => void }[] = [];
  const closeWaiters: { count: number; resolve: () => void }[] = [];

  const control = net.createServer((socket) => {
    sockets.add(socket);
    openedSessions++;
    for (const waiter of openWaiters.filter((w) => openedSessions >= w.count)) {
      openWaiters.splice(openWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const session = new Session(socket, api, options, files, {
      onBytes: (chunk) => receivedChunks.push(Buffer.from(chunk)),
      onCommand: (line) => {
        commands.push(line);
        const verb = line.split(' ')[0]?.toUpperCase() ?? '';
        for (const waiter of commandWaiters.filter((w) => w.verb === verb)) {
          commandWaiters.splice(commandWaiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      },
      track: (s) => sockets.add(s),
      trackServer: (s) => servers.add(s),
      onClosed: () => {
        closedSessions++;
        for (const waiter of closeWaiters.filter((w) => closedSessions >= w.count)) {
          closeWaiters.splice(closeWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
    });
    void session.start();
  });
  await new Promise<void>((resolve, reject) => {
    control.once('error', reject);
    control.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const port = (control.address() as net.AddressInfo).port;

  const api: FaultFtpServer = {
    host: '127.0.0.1',
    port,
    commands,
    files,
    received: () => Buffer.concat(receivedChunks),
    waitForCommand(verb, timeoutMs = 20_000) {
      const upper = verb.toUpperCase();
      const seen = commands.find((line) => line.split(' ')[0]?.toUpperCase() === upper);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`The fault server never received ${upper}.`)), timeoutMs);
        commandWaiters.push({ verb: upper, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
    waitForSessions(count, timeoutMs = 20_000) {
      if (openedSessions >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Only ${openedSessions} of ${count} sessions were opened.`)), timeoutMs);
        openWaiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    waitForClosedSessions(count, timeoutMs = 20_000) {
      if (closedSessions >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Only ${closedSessions} of ${count} sessions closed.`)), timeoutMs);
        closeWaiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      for (const server of servers) server.close();
      await new Promise<void>((resolve) => control.close(() => resolve()));
    },
  };
  return api;
}

interface SessionHooks {
  onBytes(chunk: Buffer): void;
  onCommand(line: string): void;
  track(socket: net.Socket): void;
  trackServer(server: net.Server): void;
  onClosed(): void;
}

class Session implements FaultSession {
  socket: net.Socket;
  restOffset = 0;
  closed = false;
  private buffer = '';
  private pendingData: Promise<net.Socket> | null = null;
  private renameFrom: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    socket: net.Socket,
    readonly server: FaultFtpServer,
    private readonly options: FaultFtpOptions,
    private readonly files: Map<string, Buffer>,
    private readonly hooks: SessionHooks,
  ) {
    this.socket = socket;
  }

  async start(): Promise<void> {
    this.listen(this.socket);
    this.socket.once('close', () => {
      if (this.closed) return;
      this.closed = true;
      this.hooks.onClosed();
    });
    const greeting = this.options.greeting ?? '220 Fault FTP ready';
    if (typeof greeting === 'string') this.reply(greeting);
    else await greeting(this);
  }

  private listen(socket: net.Socket): void {
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      this.hooks.onBytes(chunk);
      this.buffer += chunk.toString('utf8');
      let lf: number;
      while ((lf = this.buffer.indexOf('\n')) !== -1) {
        const line = this.buffer.slice(0, lf).replace(/\r$/, '');
        this.buffer = this.buffer.slice(lf + 1);
        this.hooks.onCommand(line);
        // Commands run one after another, like a real server.
        this.queue = this.queue.then(() => this.handle(line)).catch(() => this.destroy());
      }
    });
  }

  reply(line: string): void {
    if (!this.socket.destroyed) this.socket.write(`${line}\r\n`);
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.write(data, () => resolve());
    });
  }

  async openPassive(): Promise<number> {
    const listener = net.createServer();
    this.hooks.trackServer(listener);
    await new Promise<void>((resolve) => listener.listen({ host: '127.0.0.1', port: 0 }, () => resolve()));
    this.pendingData = new Promise((resolve) => {
      listener.once('connection', (socket) => {
        this.hooks.track(socket);
        socket.on('error', () => {});
        listener.close();
        resolve(socket);
      });
    });
    return (listener.address() as net.AddressInfo).port;
  }

  /** Active mode: connects to the client (like a real server, once the transfer command comes). */
  connectActive(host: string, port: number): void {
    this.pendingData = new Promise((resolve, reject) => {
      const socket = net.connect({ host, port }, () => resolve(socket));
      this.hooks.track(socket);
      socket.once('error', reject);
    });
    this.pendingData.catch(() => {});
  }

  dataSocket(): Promise<net.Socket> {
    if (!this.pendingData) return Promise.reject(new Error('No data connection was set up.'));
    const pending = this.pendingData;
    this.pendingData = null;
    return pending;
  }

  async startTls(): Promise<void> {
    const certificate = this.options.certificate;
    if (!certificate) throw new Error('The fault server has no certificate.');
    const plain = this.socket;
    plain.removeAllListeners('data');
    const secure = new tls.TLSSocket(plain, { isServer: true, key: certificate.keyPem, cert: certificate.certPem });
    this.hooks.track(secure);
    this.socket = secure;
    this.listen(secure);
    await new Promise<void>((resolve) => secure.once('secure', () => resolve()));
  }

  destroy(): void {
    this.socket.destroy();
    void this.pendingData?.then((s) => s.destroy());
  }

  private async handle(line: string): Promise<void> {
    const space = line.indexOf(' ');
    const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
    const argument = space === -1 ? '' : line.slice(space + 1);
    const handler = this.options.handlers?.[verb];
    if (handler) await handler(this, argument);
    else await this.standard(verb, argument);
  }

  async standard(verb: string, argument: string): Promise<void> {
    const files = this.files;
    switch (verb) {
      case 'USER':
        return this.reply('331 Password please.');
      case 'PASS': {
        const wanted = this.options.credentials;
        return this.reply(!wanted || wanted.password === argument ? '230 Logged in.' : '530 Login incorrect.');
      }
      case 'AUTH':
        if (!this.options.certificate) return this.reply('502 No TLS here.');
        this.reply('234 Go ahead.');
        return this.startTls();
      case 'PBSZ':
        return this.reply('200 PBSZ=0');
      case 'PROT':
        return this.reply(argument === 'P' ? '200 Protection set to Private.' : '200 Protection set to Clear.');
      case 'SYST':
        return this.reply('215 UNIX Type: L8');
      case 'FEAT': {
        const features = this.options.features ?? DEFAULT_FEATURES;
        return this.reply(['211-Features:', ...features.map((f) => ` ${f}`), '211 End'].join('\r\n'));
      }
      case 'OPTS':
      case 'TYPE':
      case 'NOOP':
        return this.reply('200 OK.');
      case 'PWD':
        return this.reply('257 "/" is the current directory');
      case 'CWD':
        return this.reply('250 OK.');
      case 'EPSV':
        return this.reply(`229 Entering Extended Passive Mode (|||${await this.openPassive()}|)`);
      case 'PASV': {
        const port = await this.openPassive();
        return this.reply(`227 Entering Passive Mode (127,0,0,1,${Math.floor(port / 256)},${port % 256}).`);
      }
      case 'EPRT':
      case 'PORT': {
        const target = verb === 'EPRT' ? parseEprtArgument(argument) : parsePortArgument(argument);
        this.connectActive(target.host, target.port);
        return this.reply(`200 ${verb} command successful.`);
      }
      case 'REST':
        this.restOffset = Number(argument);
        return this.reply(`350 Restarting at ${this.restOffset}.`);
      case 'SIZE': {
        const file = files.get(argument);
        return this.reply(file ? `213 ${file.length}` : '550 No such file.');
      }
      case 'MDTM':
        return this.reply(files.has(argument) ? '213 20240102030405' : '550 No such file.');
      case 'RETR': {
        const file = files.get(argument);
        const offset = this.restOffset;
        this.restOffset = 0;
        if (!file) return this.reply('550 No such file or directory.');
        const data = await this.dataSocket();
        this.reply(`150 Opening BINARY mode data connection for ${argument} (${file.length} bytes).`);
        await new Promise<void>((resolve) => data.end(file.subarray(offset), () => resolve()));
        return this.reply('226 Transfer complete.');
      }
      case 'STOR':
      case 'APPE': {
        const data = await this.dataSocket();
        this.reply('150 Ok to send data.');
        const chunks: Buffer[] = [];
        data.on('data', (chunk: Buffer) => chunks.push(chunk));
        await new Promise<void>((resolve) => data.once('close', () => resolve()));
        const previous = verb === 'APPE' ? (files.get(argument) ?? Buffer.alloc(0)) : Buffer.alloc(0);
        files.set(argument, Buffer.concat([previous, ...chunks]));
        return this.reply('226 Transfer complete.');
      }
      case 'LIST':
      case 'MLSD': {
        const data = await this.dataSocket();
        this.reply('150 Here comes the listing.');
        const lines = [...files.entries()].map(([name, content]) =>
          verb === 'MLSD'
            ? `type=file;size=${content.length};modify=20240102030405; ${name.slice(name.lastIndexOf('/') + 1)}`
            : `-rw-r--r--    1 1000     1000     ${String(content.length).padStart(8)} Jan 02  2024 ${name.slice(name.lastIndexOf('/') + 1)}`,
        );
        await new Promise<void>((resolve) => data.end(lines.map((l) => `${l}\r\n`).join(''), () => resolve()));
        return this.reply('226 Directory send OK.');
      }
      case 'DELE':
        return this.reply(files.delete(argument) ? '250 Deleted.' : '550 No such file.');
      case 'MKD':
        return this.reply(`257 "${argument}" created`);
      case 'RMD':
        return this.reply('250 Removed.');
      case 'RNFR':
        this.renameFrom = argument;
        return this.reply(files.has(argument) ? '350 Ready for RNTO.' : '550 No such file.');
      case 'RNTO': {
        const from = this.renameFrom;
        const file = from === null ? undefined : files.get(from);
        if (from === null || !file) return this.reply('503 RNFR first.');
        files.delete(from);
        files.set(argument, file);
        return this.reply('250 Renamed.');
      }
      case 'ABOR':
        return this.reply('225 No transfer to ABOR.');
      case 'QUIT':
        this.reply('221 Goodbye.');
        this.socket.end();
        return;
      default:
        return this.reply(`502 ${verb} not implemented.`);
    }
  }
}
