/** What the scenario builders share: the servers, the workspace, the source files, and the checks. */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchOptions } from '../options';
import { countTree, remove, sha256File, type Workspace } from '../data';
import type { Attempt, Contender } from '../scenario';
import type { ToolContext } from '../tools';

/** A random source file and what it must look like wherever it arrives. */
export interface SourceFile {
  /** Local path (the upload source; also linked into the server roots). */
  path: string;
  bytes: number;
  sha256: string;
}

/** Everything a scenario builder may use. */
export interface BenchContext {
  options: BenchOptions;
  tools: ToolContext;
  workspace: Workspace;
}

/** Null when `file` has exactly the source's size and SHA-256; else what is wrong. */
export async function checkFile(file: string, source: SourceFile): Promise<string | null> {
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat) return `nothing arrived at ${file}`;
  if (stat.size !== source.bytes) return `${file} has ${stat.size} bytes, expected ${source.bytes}`;
  if ((await sha256File(file)) !== source.sha256) return `${file} has the right size but different content`;
  return null;
}

/** Null when `dir` holds exactly `files` files of `fileBytes` bytes; else what is wrong. */
export async function checkTree(dir: string, files: number, fileBytes: number): Promise<string | null> {
  const count = await countTree(dir, fileBytes);
  if (count.files !== files) return `${count.files} of ${files} files arrived in ${dir}`;
  if (count.wrongSize > 0) return `${count.wrongSize} files in ${dir} do not have ${fileBytes} bytes`;
  return null;
}

/** A unique, file-name-safe name for one run of one tool. */
export function runName(scenarioId: string, tool: string, run: number): string {
  return `${scenarioId}-${tool.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${run + 1}`;
}

/** A fresh place for a download to land, removed again by the returned clean-up. */
export function downloadTarget(context: BenchContext, name: string, extension = ''): { local: string; cleanUp: () => Promise<void> } {
  const local = path.join(context.workspace.downloads, `${name}${extension}`);
  return { local, cleanUp: () => remove(local) };
}

/** Where the Ferry run `name` writes its peak RSS. */
export function rssFileFor(context: BenchContext, name: string): string {
  return path.join(context.workspace.dir, `${name}.rss`);
}

/** Ferry's speed relative to a peer's is worth a target only when both ran. */
export const AT_LEAST_AS_FAST = { ratio: 1, strict: false } as const;
/** Ferry must beat the peer. */
export const FASTER = { ratio: 1, strict: true } as const;

/** Time limit for moving `bytes`: a minute plus 2 MiB/s (generous: a loaded CI box), so a hang ends. */
export function timeoutForBytes(bytes: number): number {
  return 60_000 + Math.ceil(bytes / (2 * 1024 * 1024)) * 1000;
}

/** Time limit for moving `files` small files: a minute plus 0.1 s a file. */
export function timeoutForFiles(files: number): number {
  return 60_000 + files * 100;
}

/** What a run needs besides its RSS file, given the run's unique name and that file. */
export type RunSetup = (name: string, rssFile: string) => Promise<Omit<Attempt, 'rssFile'>>;

/**
 * A tool in a scenario: each run gets a unique name (for its targets) and, for Ferry,
 * a file where the process leaves its peak RSS.
 */
export function contender(context: BenchContext, scenarioId: string, tool: string, isFerry: boolean, setup: RunSetup): Contender {
  return {
    tool,
    ferry: isFerry,
    async prepare(run) {
      const name = runName(scenarioId, tool, run);
      const rssFile = rssFileFor(context, name);
      const attempt = await setup(name, rssFile);
      return isFerry ? { ...attempt, rssFile } : attempt;
    },
  };
}
