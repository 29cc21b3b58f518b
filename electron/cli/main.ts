/**
 * `ferry`: Ferry's command line, on the same engine as the app.
 *
 * Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong.
 */
import { parseArgs } from 'node:util';
import { toApiError } from '../api/errors';
import type { RemoteFs } from '../protocol/remote-fs';
import { listCommand, mkdirCommand, moveCommand, quoteCommand, removeCommand } from './commands/simple';
import { runSites } from './commands/sites';
import { runTransfer } from './commands/transfer';
import { connectFor, specFor, type CliContext } from './connect';
import { askLine } from './terminal-asker';
import { joinRemote, normalizeRemote } from '../../shared/paths/remote-path';
import { parseServerAddress } from './url';
import packageJson from '../../package.json';

/** Usage text, shown by `ferry help` and after a wrong command line. */
export const USAGE = `Usage: ferry <command> [options]

Commands:
  ls URL [--json] [-a]        list a folder (or one file)
  get URL [LOCAL] [-r]        download a file, or a folder with -r
  put LOCAL URL [-r]          upload a file, or a folder with -r
  rm URL [-r]                 delete a file, or a folder with -r
  mkdir URL [-p]              create a folder (-p: with its parents)
  mv URL NEWPATH              rename or move (NEWPATH absolute or relative to URL's folder)
  quote URL CMD               send one raw FTP command and print the reply
  sites COMMAND …             saved sites: list, show, add, edit, rm, mkdir, mv, rename,
                              import, export (ferry sites help)

URL: ftp://[user[:password]@]host[:port]/path   FTP, TLS when the server offers it
     ftpes://…   explicit TLS required      ftps://…   implicit TLS
     sftp://…    SFTP                       site:NAME/path   a saved site

Options:
  --active | --passive        FTP data connection mode
  --plain                     plain FTP, no TLS (insecure)
  --trust SHA256:…            accept this certificate or host key (repeatable)
  --key FILE                  SSH private key (sftp)
  --timeout S                 connect/reply/idle timeout in seconds
  -v, --verbose               print the command/reply log to stderr
  --parallel N                transfer connections for get/put (default 4, at most 10)
  --on-conflict WHAT          when the target exists: ask (default on a terminal),
                              overwrite, newer, size, resume, rename (keep both), skip
  -V, --version               print Ferry's version
Downloads go to a temporary name and replace the target only when complete and checked.
Password: in the URL, in FERRY_PASSWORD, or asked on a terminal.`;

const OPTIONS = {
  active: { type: 'boolean' },
  passive: { type: 'boolean' },
  plain: { type: 'boolean' },
  trust: { type: 'string', multiple: true },
  key: { type: 'string' },
  timeout: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  all: { type: 'boolean', short: 'a' },
  recursive: { type: 'boolean', short: 'r' },
  parents: { type: 'boolean', short: 'p' },
  parallel: { type: 'string' },
  'on-conflict': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Runs one command line; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], context: CliContext, print: (text: string) => void): Promise<number> {
  // `ferry sites …` has flags of its own (commands/sites.ts); options written before `sites` go after it.
  const first = argv.findIndex((arg) => !arg.startsWith('-'));
  if (argv[first] === 'sites') return runSites([...argv.slice(first + 1), ...argv.slice(0, first)], context, print);
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    context.stderr.write(`ferry: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, ...args] = positionals;
  if (values.version && command === undefined) {
    print(`ferry ${packageJson.version}`);
    return 0;
  }
  if (values.help || command === undefined || command === 'help') {
    print(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    context.stderr.write(`ferry: unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }
  try {
    await run(args, values, context, print);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`ferry: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    const { message, detail } = toApiError(error);
    context.stderr.write(`ferry: ${message}${detail && values.verbose ? ` (${detail})` : ''}\n`);
    return 1;
  }
}

class UsageError extends Error {}

type Command = (args: string[], values: Values, context: CliContext, print: (text: string) => void) => Promise<void>;

/** Connects for `address`, runs `work`, and always closes the connection. */
async function withRemote(address: string, values: Values, context: CliContext, work: (fs: RemoteFs, path: string) => Promise<void>): Promise<void> {
  const { spec, remotePath } = await specFor(parseServerAddress(address), values, context);
  const fs = await connectFor(spec, values, context);
  try {
    await work(fs, await absolutePath(fs, remotePath));
  } finally {
    await fs.close();
  }
}

/** A path from a URL or site reference made absolute: relative ones start at the login folder. */
async function absolutePath(fs: RemoteFs, remotePath: string | null): Promise<string> {
  return normalizeRemote(remotePath?.startsWith('/') ? remotePath : joinRemote(await fs.pwd(), remotePath ?? '.'));
}

function need(args: string[], count: number, what: string): void {
  if (args.length !== count) throw new UsageError(`expected ${what}.`);
}

/** get and put: both sides planned on a browsing connection, the bytes moved by the engine's pool. */
function transfer(direction: 'download' | 'upload'): Command {
  return async (args, values, context, print) => {
    if (direction === 'download' && (args.length < 1 || args.length > 2)) throw new UsageError('expected a URL and optionally a local path.');
    if (direction === 'upload' && args.length !== 2) throw new UsageError('expected a local path and a URL.');
    const address = direction === 'download' ? args[0]! : args[1]!;
    const local = direction === 'download' ? (args[1] ?? null) : args[0]!;
    const parallel = values.parallel === undefined ? null : Number(values.parallel);
    if (parallel !== null && (!Number.isInteger(parallel) || parallel < 1 || parallel > 10)) {
      throw new UsageError(`--parallel takes a number from 1 to 10, not "${values.parallel}".`);
    }
    const { spec, remotePath } = await specFor(parseServerAddress(address), values, context);
    const browse = await connectFor(spec, values, context);
    try {
      const resolved = await absolutePath(browse, remotePath);
      await runTransfer({
        direction,
        remotePath: resolved,
        remoteIsFolder: address.endsWith('/'),
        localPath: local,
        recursive: !!values.recursive,
        parallel,
        onConflict: values['on-conflict'] ?? 'ask',
        // Later connections reuse the first one's trust answers (see connectFor).
        open: () => connectFor(spec, values, context),
        browse,
        ask: (question) => askLine(context.io, question),
        interactive: context.io.interactive,
        stderr: context.stderr,
        print,
      });
    } finally {
      await browse.close();
    }
  };
}

const COMMANDS: Record<string, Command> = {
  get: transfer('download'),
  put: transfer('upload'),
  ls: async (args, values, context, print) => {
    need(args, 1, 'one URL');
    await withRemote(args[0]!, values, context, (fs, path) => listCommand(fs, path, { json: !!values.json, all: !!values.all }, print));
  },
  rm: async (args, values, context) => {
    need(args, 1, 'one URL');
    await withRemote(args[0]!, values, context, (fs, path) => removeCommand(fs, path, { recursive: !!values.recursive }));
  },
  mkdir: async (args, values, context) => {
    need(args, 1, 'one URL');
    await withRemote(args[0]!, values, context, (fs, path) => mkdirCommand(fs, path, { parents: !!values.parents }));
  },
  mv: async (args, values, context) => {
    need(args, 2, 'a URL and the new path');
    await withRemote(args[0]!, values, context, (fs, path) => moveCommand(fs, path, args[1]!));
  },
  quote: async (args, values, context, print) => {
    if (args.length < 2) throw new UsageError('expected a URL and a command.');
    await withRemote(args[0]!, values, context, (fs) => quoteCommand(fs, args.slice(1).join(' '), print));
  },
};

