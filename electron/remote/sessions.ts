/**
 * The remote pane's connections. Each session holds one browsing connection
 * (transfers use their own pool) and reconnects on demand when it was lost,
 * as FileZilla does, so a server that drops idle clients does not break the pane.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectTarget, RemoteListing, SessionInfo } from '../../shared/contract/remote';
import { FerryError } from '../../shared/errors';
import { normalizeRemote, parentOfRemote, segmentsOfRemote } from '../../shared/paths/remote-path';
import type { EventSink } from '../api/types';
import type { RemoteFs } from '../protocol/remote-fs';
import type { ConnectionSpec } from './connection-spec';
import { transferKeyOf } from './transfer-key';

/** Opens a connection for a spec (see open-remote.ts). */
export type OpenRemote = (spec: ConnectionSpec) => Promise<RemoteFs>;

/** Turns what the renderer asked for into a spec (sites are resolved here). */
export type ResolveTarget = (target: ConnectTarget) => Promise<ConnectionSpec>;

interface Session {
  info: SessionInfo;
  spec: ConnectionSpec;
  fs: RemoteFs | null;
  /** A reconnect in progress, shared by every caller that needs it. */
  reconnecting: Promise<RemoteFs> | null;
}

/** Open sessions by id. */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly deps: { open: OpenRemote; resolve: ResolveTarget; emit: EventSink },
  ) {}

  /** Connect; resolves once logged in and the home folder is known. */
  async connect(target: ConnectTarget): Promise<SessionInfo> {
    const spec = await this.deps.resolve(target);
    const fs = await this.deps.open(spec);
    const home = normalizeRemote(await fs.pwd());
    const info: SessionInfo = {
      id: randomUUID(),
      label: spec.label,
      protocol: spec.protocol,
      host: spec.host,
      port: spec.port,
      user: spec.user,
      home,
      security: fs.security(),
      state: 'connected',
      ...(spec.siteId === undefined ? {} : { siteId: spec.siteId }),
      transferKey: transferKeyOf(spec),
    };
    const session: Session = { info, spec, fs: null, reconnecting: null };
    this.attach(session, fs);
    this.sessions.set(info.id, session);
    this.deps.emit('remote.session', info);
    return info;
  }

  /** Close one session. */
  async disconnect(id: string): Promise<void> {
    const session = this.get(id);
    this.sessions.delete(id);
    const fs = session.fs;
    session.fs = null;
    session.info = { ...session.info, state: 'closed' };
    this.deps.emit('remote.session', session.info);
    await fs?.close();
  }

  /**
   * The spec of an open session filed under `transferKey`, so transfer
   * connections can reuse the password the user typed for the pane.
   */
  specFor(transferKey: string): ConnectionSpec | null {
    for (const session of this.sessions.values()) {
      if (session.info.transferKey === transferKey) return session.spec;
    }
    return null;
  }

  /** Every open session. */
  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  /** Lists a remote folder for the pane. */
  async listFolder(id: string, path: string, hidden: boolean): Promise<RemoteListing> {
    const folder = normalizeRemote(path);
    const entries = await this.run(id, (fs) => fs.list(folder, { hidden }));
    return { path: folder, parent: parentOfRemote(folder), segments: segmentsOfRemote(folder), entries };
  }

  /**
   * Runs `operation` on the session's connection, reconnecting first if it was
   * lost. The operation is not retried: a half-done rename must not run twice.
   */
  async run<T>(id: string, operation: (fs: RemoteFs) => Promise<T>): Promise<T> {
    const session = this.get(id);
    const fs = session.fs?.connected ? session.fs : await this.reconnect(session);
    return operation(fs);
  }

  /** Close everything (shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.disconnect(id)));
  }

  private get(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new FerryError('NOT_FOUND', 'That connection is closed. Connect again.');
    return session;
  }

  private reconnect(session: Session): Promise<RemoteFs> {
    session.reconnecting ??= this.deps
      .open(session.spec)
      .then((fs) => {
        this.attach(session, fs);
        session.info = { ...session.info, state: 'connected', security: fs.security() };
        delete session.info.error;
        this.deps.emit('remote.session', session.info);
        return fs;
      })
      .finally(() => {
        session.reconnecting = null;
      });
    return session.reconnecting;
  }

  private attach(session: Session, fs: RemoteFs): void {
    // Log lines reach the activity log through the opener (open-remote.ts), from the first connect attempt on.
    session.fs = fs;
    fs.onClose((error) => {
      if (session.fs !== fs || !this.sessions.has(session.info.id)) return;
      session.fs = null;
      session.info = { ...session.info, state: 'lost', ...(error ? { error: error.message } : {}) };
      this.deps.emit('remote.session', session.info);
    });
  }
}
