/**
 * Opens everything the site manager keeps in the data folder and wires it
 * together: sites, secrets, trust, settings, recent connections. The API
 * handlers, main.ts and the CLI each call {@link openSiteServices} once.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  ExchangeFormat,
  ExportResult,
  ImportReport,
  Settings,
  SettingsPatch,
  StorageProblem,
} from '../../shared/contract/sites';
import { FerryError } from '../../shared/errors';
import type { EventSink } from '../api/types';
import { MAX_SITE_FILE_BYTES, readSiteFile, writeSiteFile } from './exchange/site-files';
import { RecentConnections } from './recent-connections';
import type { Keyring } from './secrets/keyring';
import { SecretVault } from './secrets/vault';
import { SettingsService } from './settings-service';
import { SitesService } from './sites-service';
import { writeFileAtomic } from './storage/atomic-file';
import { FileTrustStore } from './trust/file-trust-store';

/** Options for {@link openSiteServices}. */
export interface SiteServicesOptions {
  /** Electron's `userData`, or `defaultDataDir()` under plain Node. */
  dataDir: string;
  /** Electron's `safeStorage` (main.ts passes it); omit under plain Node. */
  keyring?: Keyring | null;
  /** For tests of the Linux keyring rule. */
  platform?: NodeJS.Platform;
  /**
   * Where exports that contain passwords are saved: the main process picks the
   * place, because such a file must never pass through the renderer. Default:
   * `~/Downloads` when it exists, else the home folder.
   */
  exportDir?: string;
  /** Pushes `sites.changed`, `settings.changed` and `secrets.changed` to renderers. */
  emit?: EventSink;
}

/** What {@link SiteServices.exportSites} takes. */
export interface ExportRequest {
  format: ExchangeFormat;
  ids?: readonly string[];
  includePasswords: boolean;
}

/** Settings, with "never save passwords" applied to the secrets as it changes. */
export interface SettingsAccess {
  /** Every setting, defaults filled in. */
  get(): Settings;
  /** Changes some settings (nested objects replaced whole) and returns all of them. */
  update(patch: SettingsPatch): Promise<Settings>;
  /** Calls `listener` after every change (the transfer queue follows limits this way). Returns a function that stops it. */
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
}

/** The site manager's services, ready to use. */
export interface SiteServices {
  sites: SitesService;
  secrets: SecretVault;
  /** Implements the engines' `TrustStore`, plus list/remove. */
  trust: FileTrustStore;
  settings: SettingsAccess;
  recent: RecentConnections;
  /** Files found unreadable at start-up and kept aside: tell the user. */
  problems(): StorageProblem[];
  /** Imports a site file's text into folder `parentId` (`null`: the top level). */
  importSites(content: string, format: ExchangeFormat | 'auto', parentId: string | null): Promise<ImportReport>;
  /** Imports a site file from disk (for the CLI; the renderer sends content instead). */
  importSiteFile(file: string, format: ExchangeFormat | 'auto', parentId: string | null): Promise<ImportReport>;
  /**
   * Exports sites. Without passwords the text is returned. With passwords it is
   * written (0600) to the export folder and only the path is returned.
   */
  exportSites(request: ExportRequest): Promise<ExportResult>;
}

/** Opens the services over `options.dataDir`. */
export async function openSiteServices(options: SiteServicesOptions): Promise<SiteServices> {
  const emit: EventSink = options.emit ?? (() => {});
  const settingsService = await SettingsService.open(options.dataDir);
  const secrets = await SecretVault.open({ dataDir: options.dataDir, keyring: options.keyring ?? null, platform: options.platform });
  secrets.setNeverSave(settingsService.get().neverSavePasswords);
  const sites = await SitesService.open({ dataDir: options.dataDir, vault: secrets, onChange: () => emit('sites.changed', {}) });
  const trust = await FileTrustStore.open(options.dataDir);
  const recent = await RecentConnections.open(options.dataDir);

  secrets.onChange((status) => {
    emit('secrets.changed', status);
    emit('sites.changed', {}); // hasPassword and the notices depend on the secrets.
  });

  const settings: SettingsAccess = {
    get: () => settingsService.get(),
    onChange: (listener) => settingsService.onChange(listener),
    async update(patch) {
      const before = settingsService.get();
      const after = await settingsService.update(patch);
      if (after.neverSavePasswords !== before.neverSavePasswords) {
        // Turning it on forgets what was saved, as the user expects of "never save" (FileZilla does the same).
        if (after.neverSavePasswords) await secrets.forgetAll();
        secrets.setNeverSave(after.neverSavePasswords);
      }
      emit('settings.changed', after);
      return after;
    },
  };

  const exportDir = options.exportDir ?? (await defaultExportDir());

  return {
    sites,
    secrets,
    trust,
    settings,
    recent,
    problems: () =>
      [settingsService.problem, secrets.problem, sites.problem, trust.problem, recent.problem].filter(
        (problem): problem is StorageProblem => problem !== null,
      ),
    importSites: (content, format, parentId) => sites.importTree(readSiteFile(content, format), parentId),
    async importSiteFile(file, format, parentId) {
      const info = await fs.stat(file);
      if (!info.isFile()) throw new FerryError('EISDIR', `${file} is not a file.`);
      if (info.size > MAX_SITE_FILE_BYTES) throw new FerryError('INVALID_INPUT', `${file} is too large to be a site file.`);
      return sites.importTree(readSiteFile(await fs.readFile(file, 'utf8'), format), parentId);
    },
    async exportSites(request) {
      const tree = await sites.exportTree(request.ids, request.includePasswords);
      const written = writeSiteFile(tree.nodes, request.format);
      const notes = [...tree.notes, ...written.notes];
      if (!request.includePasswords) return { fileName: written.fileName, content: written.content, savedTo: null, notes };
      const savedTo = await freePath(exportDir, exportFileName(written.fileName));
      await writeFileAtomic(savedTo, written.content);
      return { fileName: path.basename(savedTo), content: null, savedTo, notes };
    },
  };
}

async function defaultExportDir(): Promise<string> {
  const downloads = path.join(os.homedir(), 'Downloads');
  try {
    if ((await fs.stat(downloads)).isDirectory()) return downloads;
  } catch {
    // No Downloads folder (a server, a container): use the home folder.
  }
  return os.homedir();
}

/** `ferry-sites.json` → `ferry-sites-with-passwords-20260101-120000.json`. */
function exportFileName(fileName: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*$/, '');
  const extension = path.extname(fileName);
  return `${path.basename(fileName, extension)}-with-passwords-${stamp}${extension}`;
}

/** `folder/name`, or `folder/name (2)…` when taken: an export never replaces an existing file. */
async function freePath(folder: string, name: string): Promise<string> {
  const extension = path.extname(name);
  const base = path.basename(name, extension);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${base} (${n})${extension}`);
    try {
      await fs.lstat(candidate);
    } catch {
      return candidate;
    }
  }
}
