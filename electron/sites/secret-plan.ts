/** Decides what happens to a site's saved password and key passphrase when it is created or changed. */
import type { SecretChange, SiteFields } from '../../shared/contract/sites';
import { FerryError } from '../../shared/errors';
import type { SecretChanges, SecretVault } from './secrets/vault';
import { secretName, type SecretSlot } from './site-view';
import type { StoredSite } from './sites-file';

/** The secrets a site may have. */
export const SECRET_SLOTS: readonly SecretSlot[] = ['password', 'key-passphrase'];

/** Secrets to save or remove, and the sentence to show when a password could not be saved. */
export interface SecretPlan {
  changes: SecretChanges;
  notice: string | null;
}

/**
 * What to do with a site's secrets, given the logon type it will have: a
 * password only for "normal", a passphrase only for "key" (others are
 * cleared), and a notice instead of a save when the vault cannot save.
 */
export function planSecrets(
  site: StoredSite,
  vault: SecretVault,
  requested: { password?: SecretChange | undefined; keyPassphrase?: SecretChange | undefined },
): SecretPlan {
  const changes: SecretChanges = {};
  const notices: string[] = [];
  const wants: Record<SecretSlot, { change: SecretChange | undefined; usedBy: SiteFields['logonType'] }> = {
    password: { change: requested.password, usedBy: 'normal' },
    'key-passphrase': { change: requested.keyPassphrase, usedBy: 'key' },
  };
  for (const slot of SECRET_SLOTS) {
    const { change, usedBy } = wants[slot];
    const name = secretName(site.id, slot);
    const noun = slot === 'password' ? 'password' : 'key passphrase';
    if (site.logonType !== usedBy) {
      // A secret the logon type does not use must not linger on disk.
      if (vault.has(name)) changes[name] = null;
      if (change?.action === 'set') notices.push(`The ${noun} was not saved: this logon type does not use one.`);
      continue;
    }
    if (change === undefined || change.action === 'keep') continue;
    if (change.action === 'clear') {
      changes[name] = null;
      continue;
    }
    if (vault.isLocked()) {
      throw new FerryError('LOCKED', `Enter your master password to save the ${noun}.`);
    }
    const reason = vault.whyCannotSave();
    if (reason === null) changes[name] = change.value;
    else notices.push(reason);
  }
  return { changes, notice: notices.length > 0 ? [...new Set(notices)].join(' ') : null };
}
