/**
 * Handlers of the site manager's methods (`sites.*`, `secrets.*`, `trust.*`,
 * `settings.*`). Input is already validated against the contract; no handler
 * returns a password or passphrase: sites come back with `hasPassword`, and an
 * export that holds passwords is saved by the main process, never returned.
 */
import type { sitesMethods } from '../../../shared/contract/sites';
import type { SiteServices } from '../../sites/site-services';
import type { HandlerTable } from '../types';

/** Builds the site manager's handlers over `services`. */
export function siteHandlers(services: SiteServices): HandlerTable<keyof typeof sitesMethods> {
  const { sites, secrets, trust, settings, recent } = services;
  return {
    'sites.tree': async () => sites.tree(),
    'sites.get': async ({ id }) => sites.get(id),
    'sites.create': async ({ parentId, name, fields, password, keyPassphrase }) =>
      sites.create({ parentId, name, fields, password, keyPassphrase }),
    'sites.update': async ({ id, fields, password, keyPassphrase }) => sites.update({ id, fields, password, keyPassphrase }),
    'sites.createFolder': async ({ parentId, name }) => sites.createFolder(parentId, name),
    'sites.rename': async ({ id, name }) => {
      await sites.rename(id, name);
      return {};
    },
    'sites.duplicate': async ({ id }) => sites.duplicate(id),
    'sites.move': async ({ id, parentId }) => {
      await sites.move(id, parentId);
      return {};
    },
    'sites.remove': async ({ id }) => {
      await sites.remove(id);
      return {};
    },
    'sites.import': async ({ content, format, parentId }) => services.importSites(content, format, parentId),
    'sites.export': async ({ format, ids, includePasswords }) => services.exportSites({ format, ids, includePasswords }),
    'sites.recent': async () => recent.list(),
    'sites.clearRecent': async () => {
      await recent.clear();
      return {};
    },
    'sites.problems': async () => services.problems(),
    'secrets.status': async () => secrets.status(),
    'secrets.unlock': async ({ password }) => {
      await secrets.unlock(password);
      return secrets.status();
    },
    'secrets.lock': async () => {
      secrets.lock();
      return secrets.status();
    },
    'secrets.setMasterPassword': async ({ current, next, forgetSavedPasswords }) => {
      await secrets.setMasterPassword(current, next, forgetSavedPasswords);
      return secrets.status();
    },
    'trust.list': async () => trust.list(),
    'trust.remove': async (selector) => ({ removed: await trust.remove(selector) }),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => settings.update(patch),
  };
}
