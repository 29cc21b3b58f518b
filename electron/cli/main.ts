/**
 * `ferry`: Ferry's command line, on the same engine as the app.
 *
 * Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong.
 */
import { parseArgs } from 'node:util';
import { toApiError } from '../api/errors';
import type { RemoteFs } from '../protocol/remote-fs';
import { listCommand, mkdirCommand, moveCommand, quoteCommand, removeCommand } from './commands/simple';
import { connectFor, specFor, type CliContext } from './connect';
import { joinRemote, normalizeRemote } from '../../shared/paths/remote-path';
import { parseServerAddress } from './url';

/** Usage text, shown by `ferry help` and after a wrong command line. */
export const USAGE = `Usage: ferry <command> [options]

Commands:
  ls URL [--json] [-a]        list a folder (or one file)
  get URL [LOCAL]             download a file (to a temporary name, renamed when complete)
  put LOCAL URL               upload a file
  rm URL [-r]                 delete a file, or a folder with -r
  mkdir URL [-p]              create a folder (-p: with its parents)
  mv URL NEWPATH              rename or move (NEWPATH absolute or relative to URL's folder)
  quote URL CMD               send one raw FTP command and print the reply

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
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Runs one command line; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], context: CliContext, print: (text: string) => void): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    context.stderr.write(`ferry: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, ...args] = positionals;
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
    const path = remotePath?.startsWith('/') ? remotePath : joinRemote(await fs.pwd(), remotePath ?? '.');
    await work(fs, normalizeRemote(path));
  } finally {
    await fs.close();
  }
}

function need(args: string[], count: number, what: string): void {
  if (args.length !== count) throw new UsageError(`expected ${what}.`);
}

const COMMANDS: Record<string, Command> = {
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

