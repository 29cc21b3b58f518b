/**
 * The app's settings in the renderer: the current values (kept in step with
 * `settings.changed`), whether the settings view is open, and the trusted
 * certificates and host keys it lists. Also applies the theme to the page.
 */
import { create } from 'zustand';
import type { Settings, SettingsPatch, TrustEntry } from '../../shared/contract/sites';
import { api } from '../api';
import { errorMessage } from '../lib/errors';

/** The sections of the settings view. */
export type SettingsSection = 'transfers' | 'connection' | 'interface' | 'passwords' | 'trust';

/** See the module comment. */
export interface SettingsState {
  settings: Settings | null;
  /** The open section, or `null` when the settings view is closed. */
  openSection: SettingsSection | null;
  /** Trusted certificates and host keys, `null` until fetched. */
  trust: TrustEntry[] | null;
  /** Why the settings could not be read, if they could not. */
  loadError: string | null;
}

/** The settings store. */
export const useSettings = create<SettingsState>()(() => ({ settings: null, openSection: null, trust: null, loadError: null }));

/**
 * Shows the theme: `data-theme` on <html> (styles.css follows it, and the OS
 * for "system"). Kept in step with the OS through `color-scheme` in the CSS.
 */
export function applyTheme(theme: Settings['theme']): void {
  document.documentElement.dataset.theme = theme;
}

/** Applies settings from the main process (`settings.changed`, or a call's result). */
export function applySettings(settings: Settings): void {
  useSettings.setState({ settings });
  applyTheme(settings.theme);
}

/** First load (again when the settings view opens without them). Never rejects: the view shows `loadError`. */
export async function loadSettings(): Promise<void> {
  try {
    applySettings(await api().call('settings.get', {}));
    useSettings.setState({ loadError: null });
  } catch (error) {
    useSettings.setState({ loadError: errorMessage(error) });
  }
}

/** Saves a change; rejects with the API's error (the form shows it by field). */
export async function updateSettings(patch: SettingsPatch): Promise<Settings> {
  const settings = await api().call('settings.update', patch);
  applySettings(settings);
  return settings;
}

/** Opens the settings view at `section`. */
export function openSettings(section: SettingsSection = 'transfers'): void {
  useSettings.setState({ openSection: section });
  if (!useSettings.getState().settings) void loadSettings();
}

/** Switches the open settings view to another section. */
export function showSettingsSection(section: SettingsSection): void {
  useSettings.setState({ openSection: section });
}

/** Closes the settings view. */
export function closeSettings(): void {
  useSettings.setState({ openSection: null });
}

/** Fetches the trusted certificates and host keys. */
export async function loadTrust(): Promise<void> {
  useSettings.setState({ trust: await api().call('trust.list', {}) });
}

/** Stops trusting one certificate or host key, then lists again. */
export async function removeTrust(entry: TrustEntry): Promise<void> {
  await api().call('trust.remove', { kind: entry.kind, host: entry.host, port: entry.port, fingerprint: entry.fingerprint });
  await loadTrust();
}
