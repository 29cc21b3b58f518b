/**
 * The items that could start right now, grouped so the scheduler finds the next
 * one without scanning the queue: per site, per priority, folders apart from
 * files, each group in the order items became ready (FIFO within a priority).
 */
import type { TransferPriority } from '../../shared/contract/transfers';
import { PRIORITIES_HIGH_FIRST, type ItemRecord } from './model';

/** One site's ready items. A `Set` keeps insertion order and removes in O(1). */
interface SiteQueues {
  files: Map<TransferPriority, Set<number>>;
  dirs: Map<TransferPriority, Set<number>>;
}

/** A candidate the scheduler may start. */
export interface ReadyCandidate {
  id: number;
  /** When it became ready: lower goes first across sites. */
  seq: number;
}

/** Ready items of every site. */
export class ReadyQueues {
  private readonly sites = new Map<string, SiteQueues>();
  private readonly seqOf = new Map<number, number>();
  private nextSeq = 1;

  /** How many items are ready. */
  get size(): number {
    return this.seqOf.size;
  }

  /** Marks `item` ready (at the end of its priority's line). */
  add(item: ItemRecord): void {
    if (this.seqOf.has(item.id)) return;
    this.seqOf.set(item.id, this.nextSeq++);
    const queues = this.siteQueues(item.site);
    const byPriority = item.kind === 'dir' ? queues.dirs : queues.files;
    let line = byPriority.get(item.priority);
    if (!line) byPriority.set(item.priority, (line = new Set()));
    line.add(item.id);
  }

  /** Takes `item` out (started, paused, cancelled, reprioritised). */
  remove(item: ItemRecord): void {
    if (!this.seqOf.delete(item.id)) return;
    const queues = this.sites.get(item.site);
    if (!queues) return;
    (item.kind === 'dir' ? queues.dirs : queues.files).get(item.priority)?.delete(item.id);
  }

  /** True when `item` is waiting here. */
  has(id: number): boolean {
    return this.seqOf.has(id);
  }

  /** Sites that have ready items. */
  siteNames(): IterableIterator<string> {
    return this.sites.keys();
  }

  /**
   * The first ready item of `site` at `priority`: a folder first when
   * `folderAllowed` accepts it (listing feeds the queue), else the oldest file.
   */
  first(site: string, priority: TransferPriority, folderAllowed: (id: number) => boolean): ReadyCandidate | null {
    const queues = this.sites.get(site);
    if (!queues) return null;
    const dirs = queues.dirs.get(priority);
    if (dirs) {
      for (const id of dirs) {
        if (folderAllowed(id)) return { id, seq: this.seqOf.get(id) ?? 0 };
      }
    }
    const files = queues.files.get(priority);
    if (files) {
      for (const id of files) return { id, seq: this.seqOf.get(id) ?? 0 };
    }
    return null;
  }

  /** The best candidate over the given sites: highest priority, then oldest. */
  best(sites: Iterable<string>, folderAllowed: (id: number) => boolean): ReadyCandidate | null {
    const open = [...sites];
    for (const priority of PRIORITIES_HIGH_FIRST) {
      let best: ReadyCandidate | null = null;
      for (const site of open) {
        const candidate = this.first(site, priority, folderAllowed);
        if (candidate && (!best || candidate.seq < best.seq)) best = candidate;
      }
      if (best) return best;
    }
    return null;
  }

  /** Drops empty per-site groups so a long-running engine does not accumulate them. */
  prune(): void {
    for (const [site, queues] of this.sites) {
      const empty = [...queues.files.values(), ...queues.dirs.values()].every((line) => line.size === 0);
      if (empty) this.sites.delete(site);
    }
  }

  private siteQueues(site: string): SiteQueues {
    let queues = this.sites.get(site);
    if (!queues) this.sites.set(site, (queues = { files: new Map(), dirs: new Map() }));
    return queues;
  }
}
