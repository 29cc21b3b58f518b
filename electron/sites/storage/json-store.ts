/**
 * One JSON file Ferry owns (sites, secrets, trust, settings…): versioned,
 * migrated forward when an older Ferry wrote it, written atomically, and never
 * overwritten silently when it cannot be read: such a file is kept aside and
 * the problem is reported so the user can be told.
 */
import fs from 'node:fs/promises';
import * as z from 'zod';
import type { StorageProblem } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { removeStaleTemporaryFiles, writeFileAtomic } from './atomic-file';
import { SerialQueue } from './serial-queue';

/** Turns a document of format `n` into format `n + 1`. May throw when the document is not as expected. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/** Describes one versioned file. */
export interface JsonFileSpec<T extends { version: number }> {
  file: string;
  /** What the file holds, in the user's words: "sites", "saved passwords". */
  label: string;
  /** The format this Ferry writes. */
  version: number;
  /** The whole document in the current format. */
  schema: z.ZodType<T>;
  /** `migrations[n]` converts format `n` to `n + 1`. */
  migrations?: Readonly<Record<number, Migration>>;
  /** The document of a fresh install. */
  empty(): T;
}

/** A JSON file held in memory, with serialized, atomic writes. */
export class JsonStore<T extends { version: number }> {
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly spec: JsonFileSpec<T>,
    private state: T,
    /** Set when the file on disk could not be used at start-up. */
    readonly problem: StorageProblem | null,
  ) {}

  /** Opens `spec.file`, migrating or keeping it aside as needed (see the module comment). */
  static async open<T extends { version: number }>(spec: JsonFileSpec<T>): Promise<JsonStore<T>> {
    const loaded = await loadJsonFile(spec);
    return new JsonStore(spec, loaded.data, loaded.problem);
  }

  /** Where the file lives. */
  get file(): string {
    return this.spec.file;
  }

  /** The current document. Treat it as read-only: change it through {@link update}. */
  get data(): Readonly<T> {
    return this.state;
  }

  /**
   * Changes the document: `change` edits a copy, which is written to disk and
   * only then becomes the current document. When `change` throws or the write
   * fails, nothing changes. Calls run one at a time, in order. `committed`
   * runs in the same tick the new document becomes current, so state kept
   * beside the document (a key in memory) never lags behind it.
   */
  update<R>(change: (draft: T) => R | Promise<R>, committed?: (result: R) => void): Promise<R> {
    return this.queue.run(async () => {
      const draft = structuredClone(this.state);
      const result = await change(draft);
      // Never write a file this Ferry could not read back: it would be kept aside as unreadable at the next start.
      const checked = this.spec.schema.safeParse(draft);
      if (!checked.success) {
        throw new FerryError('INVALID_INPUT', `Ferry refused to save your ${this.spec.label}: ${firstIssue(checked.error)}.`);
      }
      await writeFileAtomic(this.spec.file, serialize(draft));
      this.state = draft;
      committed?.(result);
      return result;
    });
  }
}

/** What {@link loadJsonFile} found. */
export interface LoadedJsonFile<T> {
  data: T;
  problem: StorageProblem | null;
  /** The format the file had when it was migrated forward, else `null`. */
  migratedFrom: number | null;
}

/**
 * Reads a versioned file. Missing → the empty document. Unreadable, invalid,
 * or written by a newer Ferry → moved aside (never overwritten), the empty
 * document, and a {@link StorageProblem}. Older format → migrated, the
 * original copied to `FILE.vN.bak`, and the new format written at once.
 */
export async function loadJsonFile<T extends { version: number }>(spec: JsonFileSpec<T>): Promise<LoadedJsonFile<T>> {
  await removeStaleTemporaryFiles(spec.file);
  let text: string;
  try {
    text = await fs.readFile(spec.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: spec.empty(), problem: null, migratedFrom: null };
    throw error;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return keepAside(spec, 'it is not valid JSON, perhaps damaged');
  }
  const version = versionOf(document);
  if (version === null) return keepAside(spec, 'it has no format version');
  if (version > spec.version) {
    return keepAside(spec, `a newer version of Ferry wrote it (format ${version}; this one reads up to ${spec.version})`);
  }
  let current = document as Record<string, unknown>;
  try {
    for (let from = version; from < spec.version; from++) {
      const migrate = spec.migrations?.[from];
      if (!migrate) return keepAside(spec, `this version of Ferry cannot convert format ${from}`);
      current = { ...migrate(current), version: from + 1 };
    }
  } catch (error) {
    return keepAside(spec, `converting it from format ${version} failed: ${(error as Error).message}`);
  }
  const parsed = spec.schema.safeParse(current);
  if (!parsed.success) return keepAside(spec, `its content is not valid (${firstIssue(parsed.error)})`);
  if (version === spec.version) return { data: parsed.data, problem: null, migratedFrom: null };
  // Keep the old format beside the new one, so going back to the older Ferry loses nothing.
  await fs.copyFile(spec.file, `${spec.file}.v${version}.bak`);
  await writeFileAtomic(spec.file, serialize(parsed.data));
  return { data: parsed.data, problem: null, migratedFrom: version };
}

/** The text Ferry writes: stable, readable JSON. */
export function serialize(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function versionOf(document: unknown): number | null {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return null;
  const version = (document as { version?: unknown }).version;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : null;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** Moves an unusable file out of the way so the next write cannot destroy it, and says where it went. */
async function keepAside<T extends { version: number }>(spec: JsonFileSpec<T>, reason: string): Promise<LoadedJsonFile<T>> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  let keptAs = `${spec.file}.unreadable-${stamp}`;
  for (let n = 2; await exists(keptAs); n++) keptAs = `${spec.file}.unreadable-${stamp}-${n}`;
  await fs.rename(spec.file, keptAs);
  return {
    data: spec.empty(),
    problem: {
      file: spec.file,
      keptAs,
      message: `Ferry could not read your ${spec.label} because ${reason}. The file was kept as ${keptAs}; Ferry started with none.`,
    },
    migratedFrom: null,
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}
