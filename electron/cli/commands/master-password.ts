/**
 * `ferry sites master-password [--remove] [--forget-saved-passwords]`: set,
 * change or remove the master password that protects saved passwords where
 * there is no system keyring (always the case at the command line).
 */
import { FerryError } from '../../../shared/errors';
import type { SecretVault } from '../../sites';
import { askLine, type TerminalIo } from '../terminal-asker';
import { MASTER_PASSWORD_ENV } from './secret-input';

/** The environment variable a script sets to give the new master password. */
export const NEW_MASTER_PASSWORD_ENV = 'FERRY_NEW_MASTER_PASSWORD';

/** Sets, changes or removes the master password; returns the line to print. */
export async function changeMasterPassword(
  vault: SecretVault,
  io: TerminalIo,
  env: NodeJS.ProcessEnv,
  options: { remove: boolean; forgetSavedPasswords: boolean },
): Promise<string> {
  const hasOne = vault.status().mode === 'master-password';
  if (options.remove && !hasOne) throw new FerryError('INVALID_INPUT', 'No master password is set, so there is none to remove.');
  const current = hasOne ? (env[MASTER_PASSWORD_ENV] ?? (await ask(io, 'Current master password: '))) : undefined;
  let next: string | null = null;
  if (!options.remove) {
    next = env[NEW_MASTER_PASSWORD_ENV] ?? (await ask(io, 'New master password: '));
    if (env[NEW_MASTER_PASSWORD_ENV] === undefined && (await ask(io, 'Repeat the new master password: ')) !== next) {
      throw new FerryError('INVALID_INPUT', 'The two entries differ; nothing was changed.');
    }
    if (next.length < 8) throw new FerryError('INVALID_INPUT', 'Choose a master password of at least 8 characters.');
  }
  await vault.setMasterPassword(current, next, options.forgetSavedPasswords);
  if (options.remove) return 'Removed the master password.';
  return hasOne ? 'Changed the master password; saved passwords were re-encrypted.' : 'Set the master password; passwords can now be saved.';
}

async function ask(io: TerminalIo, question: string): Promise<string> {
  if (!io.interactive) {
    throw new FerryError('INVALID_INPUT', `This needs a terminal; in a script set ${MASTER_PASSWORD_ENV} (current) and ${NEW_MASTER_PASSWORD_ENV} (new).`);
  }
  const answer = await askLine(io, question, true);
  if (answer === null || answer === '') throw new FerryError('CANCELLED', 'Nothing was entered; nothing was changed.');
  return answer;
}
