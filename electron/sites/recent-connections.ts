/**
 * Recent quick connections in recent.json, newest first. There is no place
 * for a password in an entry: the quick-connect bar asks again.
 */
import path from 'node:path';
import * as z from 'zod';
import { RecentConnection, type StorageProblem } from '../../shared/contract/sites';
import { JsonStore, type JsonFileSpec } from './storage/json-store';

/** How many quick connections are remembered. */
export const RECENT_LIMIT = 10;

const RecentDocument = z.object({ version: z.literal(1), entries: z.array(RecentConnection.strict()) }).strict();
type RecentDocument = z.infer<typeof RecentDocument>;

function recentFileSpec(dataDir: string): JsonFileSpec<RecentDocument> {
  return {
    file: path.join(dataDir, 'recent.json'),
    label: 'recent connections',
    version: 1,
    schema: RecentDocument,
    empty: () => ({ version: 1, entries: [] }),
  };
}

/** A quick connection to remember: where and as whom, never with what password. */
export type RecentTarget = Omit<RecentConnection, 'lastUsed'>;

/** The list of recent quick connections. */
export class RecentConnections {
  private constructor(private readonly store: JsonStore<RecentDocument>) {}

  /** Opens `DATA_DIR/recent.json`. */
  static async open(dataDir: string): Promise<RecentConnections> {
    return new RecentConnections(await JsonStore.open(recentFileSpec(dataDir)));
  }

  /** Set when recent.json was unreadable at start-up and was kept aside. */
  get problem(): StorageProblem | null {
    return this.store.problem;
  }

  /** Newest first. */
  list(): RecentConnection[] {
    return this.store.data.entries.map((entry) => ({ ...entry }));
  }

  /** Remembers a quick connection (moving it to the top when already known). */
  async record(target: RecentTarget, now = Date.now()): Promise<void> {
    // Copy the known fields only: a caller's object that happens to carry a password must not reach the file.
    const entry: RecentConnection = {
      protocol: target.protocol,
      encryption: target.encryption,
      host: target.host,
      port: target.port,
      user: target.user,
      lastUsed: now,
    };
    await this.store.update((draft) => {
      const others = draft.entries.filter((e) => !sameTarget(e, entry));
      draft.entries = [entry, ...others].slice(0, RECENT_LIMIT);
    });
  }

  /** Forgets every recent connection. */
  async clear(): Promise<void> {
    await this.store.update((draft) => {
      draft.entries = [];
    });
  }
}

function sameTarget(a: RecentTarget, b: RecentTarget): boolean {
  return (
    a.protocol === b.protocol &&
    a.encryption === b.encryption &&
    a.port === b.port &&
    a.user === b.user &&
    a.host.toLowerCase() === b.host.toLowerCase()
  );
}
