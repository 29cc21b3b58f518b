/**
 * Secrets at the command line: a site's new password (piped on stdin or typed
 * on a terminal, never an argument) and the master password that unlocks
 * saved passwords (typed on a terminal, or FERRY_MASTER_PASSWORD for scripts).
 *
 * Security: a password in argv would sit in the shell history and be visible
 * to every user through `ps`, so no flag takes one. Typing is never echoed.
 */
import { PasswordText } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import type { SecretVault } from '../../sites';
import { askLine, type TerminalIo } from '../terminal-asker';

/** The environment variable a script sets to unlock saved passwords. */
export const MASTER_PASSWORD_ENV = 'FERRY_MASTER_PASSWORD';

/** More than any password (1024 characters) needs: stop reading a runaway pipe early. */
const MAX_STDIN_BYTES = 64 * 1024;

/** What the secret prompts need from the CLI's context. */
export interface SecretPromptContext {
  io: TerminalIo;
  env: NodeJS.ProcessEnv;
}

/**
 * Reads a password piped on standard input (`--password-stdin`): everything
 * up to the end, without the one line break `echo` or a file adds.
 */
export async function readPasswordFromInput(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > MAX_STDIN_BYTES) throw new FerryError('INVALID_INPUT', 'Standard input is too long to be a password.');
    chunks.push(bytes);
  }
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password === '') throw new FerryError('INVALID_INPUT', 'No password came on standard input (--password-stdin).');
  return checkPassword(password);
}

/** Asks for a site's new password on the terminal, without echo (`--ask-password`). */
export async function askSitePassword(io: TerminalIo, sitePath: string): Promise<string> {
  if (!io.interactive) {
    throw new FerryError('INVALID_INPUT', '--ask-password needs a terminal. In a script, pipe the password in with --password-stdin.');
  }
  const answer = await askLine(io, `Password for ${sitePath}: `, true);
  if (answer === null || answer === '') throw new FerryError('CANCELLED', 'No password was entered; nothing was changed.');
  return checkPassword(answer);
}

function checkPassword(password: string): string {
  const checked = PasswordText.safeParse(password);
  if (!checked.success) throw new FerryError('INVALID_INPUT', `This password cannot be used: ${checked.error.issues[0]?.message}.`);
  return checked.data;
}

/**
 * Unlocks saved passwords when a master password locks them: with
 * FERRY_MASTER_PASSWORD when set, else by asking on the terminal (three
 * tries). Without either, fails with a sentence that says what to do.
 */
export async function unlockSecrets(vault: SecretVault, context: SecretPromptContext): Promise<void> {
  if (!vault.isLocked()) return;
  const fromEnv = context.env[MASTER_PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    try {
      await vault.unlock(fromEnv);
    } catch (error) {
      if (error instanceof FerryError && error.code === 'AUTH_FAILED') {
        throw new FerryError('AUTH_FAILED', `The master password in ${MASTER_PASSWORD_ENV} is not correct.`);
      }
      throw error;
    }
    return;
  }
  if (!context.io.interactive) {
    throw new FerryError(
      'LOCKED',
      `Saved passwords are locked by your master password. Run this on a terminal to be asked for it, or set ${MASTER_PASSWORD_ENV} in a script.`,
    );
  }
  for (let attempt = 1; ; attempt++) {
    const answer = await askLine(context.io, 'Master password (unlocks saved passwords): ', true);
    if (answer === null || answer === '') throw new FerryError('CANCELLED', 'No master password was entered; saved passwords stay locked.');
    try {
      await vault.unlock(answer);
      return;
    } catch (error) {
      if (!(error instanceof FerryError && error.code === 'AUTH_FAILED') || attempt >= 3) throw error;
      context.io.output.write('That is not the master password. Try again.\n');
    }
  }
}

/**
 * Runs `work`; when it fails only because saved passwords are locked, unlocks
 * them ({@link unlockSecrets}) and runs it once more. Safe to repeat because
 * the site services throw `LOCKED` before they write anything.
 */
export async function withUnlockedSecrets<T>(vault: SecretVault, context: SecretPromptContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof FerryError && error.code === 'LOCKED' && vault.isLocked())) throw error;
    await unlockSecrets(vault, context);
    return work();
  }
}
