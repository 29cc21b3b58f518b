/** The app's settings in settings.json: defaults for everything not set. */
import path from 'node:path';
import * as z from 'zod';
import { Settings, SettingsPatch, type StorageProblem } from '../../shared/contract/sites';
import { FerryError } from '../../shared/errors';
import { JsonStore, type JsonFileSpec } from './storage/json-store';

/** What a fresh install uses. */
export const DEFAULT_SETTINGS: Settings = {
  // FileZilla uses 2. `npm run bench` (2,000 × 8 KiB over loopback vsftpd) moved 320 files/s with
  // 4 connections against 232 with 1; 4 is also the engine's own default.
  concurrentTransfers: 4,
  speedLimits: { downloadKiBps: 0, uploadKiBps: 0 },
  defaultConflictAction: 'ask',
  skipIdenticalFiles: true,
  preserveTimestamps: true,
  showHiddenFiles: false,
  timeouts: { connectSeconds: 20, replySeconds: 20, dataIdleSeconds: 20 },
  transferModeDefault: 'passive',
  activePortRange: null,
  activeExternalAddress: '',
  theme: 'system',
  neverSavePasswords: false,
};

/**
 * The file keeps the settings the user changed; defaults fill in the rest, so a
 * setting added later gets its default without a new file format.
 */
const SettingsDocument = z.object({ version: z.literal(1), settings: SettingsPatch }).strict();
type SettingsDocument = z.infer<typeof SettingsDocument>;

function settingsFileSpec(dataDir: string): JsonFileSpec<SettingsDocument> {
  return {
    file: path.join(dataDir, 'settings.json'),
    label: 'settings',
    version: 1,
    schema: SettingsDocument,
    empty: () => ({ version: 1, settings: {} }),
  };
}

/** Reads and changes settings. */
export class SettingsService {
  private readonly listeners = new Set<(settings: Settings, previous: Settings) => void>();

  private constructor(private readonly store: JsonStore<SettingsDocument>) {}

  /** Opens `DATA_DIR/settings.json`. */
  static async open(dataDir: string): Promise<SettingsService> {
    return new SettingsService(await JsonStore.open(settingsFileSpec(dataDir)));
  }

  /** Set when settings.json was unreadable at start-up and was kept aside. */
  get problem(): StorageProblem | null {
    return this.store.problem;
  }

  /** Every setting, defaults filled in. */
  get(): Settings {
    return { ...DEFAULT_SETTINGS, ...this.store.data.settings };
  }

  /** Calls `listener` after every change. Returns a function that stops it. */
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes some settings (nested objects are replaced whole); returns all of them. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const checked = SettingsPatch.safeParse(patch);
    if (!checked.success) throw new FerryError('INVALID_INPUT', 'Some settings are not valid.', z.prettifyError(checked.error));
    const previous = this.get();
    await this.store.update((draft) => {
      draft.settings = { ...draft.settings, ...checked.data };
    });
    const settings = this.get();
    for (const listener of this.listeners) listener(settings, previous);
    return settings;
  }
}
