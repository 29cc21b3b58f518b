/**
 * Transfer connections per site, reused from one file to the next.
 *
 * The pool only ever opens connections of its own through `openConnection`;
 * the panes' browsing connection is never taken, so browsing stays responsive
 * while the queue runs. Limits: per site (the site's own setting or the
 * default) and across all sites. Idle connections close after a while, and
 * one is closed early when another site needs the slot.
 */
import type { RemoteFs } from '../protocol/remote-fs';

/** Opens a new transfer connection to a saved site. */
export type OpenConnection = (site: string) => Promise<RemoteFs>;

/** Options of {@link ConnectionPool}. */
export interface ConnectionPoolOptions {
  open: OpenConnection;
  /** Transfer connections allowed for `site`. */
  siteLimit: (site: string) => number;
  /** Transfer connections allowed across all sites. */
  globalLimit: () => number;
  /** Close a connection left idle this long. */
  idleMs?: number;
}

interface IdleConnection {
  connection: RemoteFs;
  timer: NodeJS.Timeout;
}

/** Connections in use and idle, per site. */
export class ConnectionPool {
  private readonly inUse = new Map<string, number>();
  private readonly idle = new Map<string, IdleConnection[]>();
  private totalInUse = 0;
  private closed = false;
  /** Connections opened so far (for tests and diagnostics). */
  opened = 0;

  constructor(private readonly options: ConnectionPoolOptions) {}

  /** True when a transfer for `site` could get a connection now. */
  hasRoom(site: string): boolean {
    return (
      !this.closed &&
      (this.inUse.get(site) ?? 0) < Math.max(1, this.options.siteLimit(site)) &&
      this.totalInUse < Math.max(1, this.options.globalLimit())
    );
  }

  /** Connections in use for `site`. */
  using(site: string): number {
    return this.inUse.get(site) ?? 0;
  }

  /**
   * A connection for `site`: an idle one if alive, else a new one. The slot is
   * taken synchronously (call only after {@link hasRoom}); a failed open gives it back.
   */
  async acquire(site: string): Promise<RemoteFs> {
    this.inUse.set(site, (this.inUse.get(site) ?? 0) + 1);
    this.totalInUse += 1;
    try {
      const reused = this.takeIdle(site);
      if (reused) return reused;
      this.makeRoomForNew();
      const connection = await this.options.open(site);
      this.opened += 1;
      return connection;
    } catch (error) {
      this.giveBack(site);
      throw error;
    }
  }

  /** Returns a connection; a broken one (or any after close) is closed instead of kept. */
  release(site: string, connection: RemoteFs, reusable: boolean): void {
    this.giveBack(site);
    if (!reusable || this.closed || !connection.connected) {
      void connection.close();
      return;
    }
    const timer = setTimeout(() => this.dropIdle(site, connection), this.options.idleMs ?? 30_000);
    timer.unref();
    const list = this.idle.get(site) ?? [];
    list.push({ connection, timer });
    this.idle.set(site, list);
  }

  /** Closes every idle connection and refuses new ones. Connections in use close when released. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(
      all.map(({ connection, timer }) => {
        clearTimeout(timer);
        return connection.close();
      }),
    );
  }

  private giveBack(site: string): void {
    const left = (this.inUse.get(site) ?? 1) - 1;
    if (left <= 0) this.inUse.delete(site);
    else this.inUse.set(site, left);
    this.totalInUse = Math.max(0, this.totalInUse - 1);
  }

  private takeIdle(site: string): RemoteFs | null {
    const list = this.idle.get(site);
    while (list && list.length > 0) {
      const { connection, timer } = list.pop()!;
      clearTimeout(timer);
      if (connection.connected) return connection;
      void connection.close();
    }
    this.idle.delete(site);
    return null;
  }

  /** Keeps the number of open connections within the global limit by closing an idle one. */
  private makeRoomForNew(): void {
    let open = this.totalInUse;
    for (const list of this.idle.values()) open += list.length;
    if (open <= Math.max(1, this.options.globalLimit())) return;
    for (const [site, list] of this.idle) {
      const victim = list.shift();
      if (!victim) continue;
      if (list.length === 0) this.idle.delete(site);
      clearTimeout(victim.timer);
      void victim.connection.close();
      return;
    }
  }

  private dropIdle(site: string, connection: RemoteFs): void {
    const list = this.idle.get(site);
    if (!list) return;
    const index = list.findIndex((entry) => entry.connection === connection);
    if (index < 0) return;
    list.splice(index, 1);
    if (list.length === 0) this.idle.delete(site);
    void connection.close();
  }
}
