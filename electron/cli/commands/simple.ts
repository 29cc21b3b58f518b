/**
 * The `ferry` commands that are one remote operation each:
 * ls, rm, mkdir, mv, quote.
 */
import { FerryError } from '../../../shared/errors';
import { joinRemote, parentOfRemote } from '../../../shared/paths/remote-path';
import type { RemoteFs } from '../../protocol/remote-fs';
import { formatLongListing } from '../format';

/** Output of a command: what goes to stdout. */
export type Print = (text: string) => void;

/** `ferry ls URL [--json] [-a]`: a folder's entries, or the one entry a file path names. */
export async function listCommand(fs: RemoteFs, path: string, options: { json: boolean; all: boolean }, print: Print): Promise<void> {
  let entries;
  try {
    entries = await fs.list(path, { hidden: options.all });
  } catch (error) {
    // `ferry ls URL/file.txt` lists that one file, like ls does.
    const entry = error instanceof FerryError && path !== '/' ? await fs.stat(path).catch(() => null) : null;
    if (!entry || entry.kind === 'dir') throw error;
    entries = [entry];
  }
  if (!options.all) entries = entries.filter((e) => !e.name.startsWith('.'));
  if (options.json) print(JSON.stringify(entries.map(({ raw: _raw, ...entry }) => entry), null, 2));
  else if (entries.length > 0) print(formatLongListing(entries));
}

/** `ferry rm URL [-r]`: a file, or with -r a folder and everything in it. */
export async function removeCommand(fs: RemoteFs, path: string, options: { recursive: boolean }): Promise<void> {
  if (path === '/') throw new FerryError('INVALID_INPUT', 'Refusing to delete the root folder.');
  const entry = await fs.stat(path);
  if (!entry) throw new FerryError('NOT_FOUND', `Nothing to delete at ${path}.`);
  if (entry.kind === 'dir') {
    if (!options.recursive) throw new FerryError('EISDIR', `${path} is a folder; use -r to delete it and everything in it.`);
    await fs.removeDir(path, { recursive: true });
  } else {
    await fs.removeFile(path);
  }
}

/** `ferry mkdir URL [-p]`. */
export async function mkdirCommand(fs: RemoteFs, path: string, options: { parents: boolean }): Promise<void> {
  await fs.mkdir(path, { parents: options.parents });
}

/** `ferry mv URL NEWPATH`: NEWPATH is absolute, or relative to the source's folder. */
export async function moveCommand(fs: RemoteFs, from: string, to: string): Promise<void> {
  const target = to.startsWith('/') ? to : joinRemote(parentOfRemote(from) ?? '/', to);
  await fs.rename(from, target);
}

/** `ferry quote URL CMD`: one raw command; prints the reply. */
export async function quoteCommand(fs: RemoteFs, command: string, print: Print): Promise<void> {
  const reply = await fs.raw(command);
  print(`${reply.code} ${reply.text}`);
  if (reply.code >= 400) throw new FerryError('PROTOCOL_ERROR', `The server answered ${reply.code}.`);
}
