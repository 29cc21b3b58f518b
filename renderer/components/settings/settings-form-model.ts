/**
 * The settings form as data: {@link Settings} flattened into inputs (numbers
 * as typed text), checked with the contract's own schema and plain-word
 * messages, and turned back into the `settings.update` patch of what changed.
 * "Never save passwords" is not part of it: it forgets saved passwords, so the
 * passwords section applies it on its own, after asking.
 */
import { Settings, type ConflictAction, type SettingsPatch } from '../../../shared/contract/sites';
import { describeIssue, formErrorsOf, type FieldErrors, type FormErrors } from '../sites/api-errors';

/** Every input of the settings form. */
export interface SettingsForm {
  concurrentTransfers: string;
  downloadKiBps: string;
  uploadKiBps: string;
  defaultConflictAction: ConflictAction;
  skipIdenticalFiles: boolean;
  preserveTimestamps: boolean;
  showHiddenFiles: boolean;
  connectSeconds: string;
  replySeconds: string;
  dataIdleSeconds: string;
  transferModeDefault: Settings['transferModeDefault'];
  /** Off: the system picks active-mode ports. */
  limitActivePorts: boolean;
  activePortFrom: string;
  activePortTo: string;
  activeExternalAddress: string;
  theme: Settings['theme'];
}

/** The form for the current settings. */
export function formFromSettings(settings: Settings): SettingsForm {
  return {
    concurrentTransfers: String(settings.concurrentTransfers),
    downloadKiBps: String(settings.speedLimits.downloadKiBps),
    uploadKiBps: String(settings.speedLimits.uploadKiBps),
    defaultConflictAction: settings.defaultConflictAction,
    skipIdenticalFiles: settings.skipIdenticalFiles,
    preserveTimestamps: settings.preserveTimestamps,
    showHiddenFiles: settings.showHiddenFiles,
    connectSeconds: String(settings.timeouts.connectSeconds),
    replySeconds: String(settings.timeouts.replySeconds),
    dataIdleSeconds: String(settings.timeouts.dataIdleSeconds),
    transferModeDefault: settings.transferModeDefault,
    limitActivePorts: settings.activePortRange !== null,
    activePortFrom: settings.activePortRange ? String(settings.activePortRange.from) : '',
    activePortTo: settings.activePortRange ? String(settings.activePortRange.to) : '',
    activeExternalAddress: settings.activeExternalAddress,
    theme: settings.theme,
  };
}

/** Text → whole number; anything else → NaN, which validation reports. */
function whole(text: string): number {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The settings the form describes (`neverSavePasswords` taken from `current`). */
export function settingsFromForm(form: SettingsForm, current: Settings): Settings {
  return {
    concurrentTransfers: whole(form.concurrentTransfers),
    speedLimits: { downloadKiBps: whole(form.downloadKiBps), uploadKiBps: whole(form.uploadKiBps) },
    defaultConflictAction: form.defaultConflictAction,
    skipIdenticalFiles: form.skipIdenticalFiles,
    preserveTimestamps: form.preserveTimestamps,
    showHiddenFiles: form.showHiddenFiles,
    timeouts: {
      connectSeconds: whole(form.connectSeconds),
      replySeconds: whole(form.replySeconds),
      dataIdleSeconds: whole(form.dataIdleSeconds),
    },
    transferModeDefault: form.transferModeDefault,
    activePortRange: form.limitActivePorts ? { from: whole(form.activePortFrom), to: whole(form.activePortTo) } : null,
    activeExternalAddress: form.activeExternalAddress.trim(),
    theme: form.theme,
    neverSavePasswords: current.neverSavePasswords,
  };
}

/** Only the settings that differ from `current` (nested objects whole, as the contract patches them). */
export function patchFromForm(form: SettingsForm, current: Settings): SettingsPatch {
  const next = settingsFromForm(form, current);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) patch[key] = next[key];
  }
  return patch as SettingsPatch;
}

/** The form field a settings path is about (`['speedLimits', 'uploadKiBps']` → `uploadKiBps`). */
export function settingsFieldOfPath(path: readonly (string | number)[]): keyof SettingsForm | null {
  const [first, second] = path;
  switch (first) {
    case 'speedLimits':
    case 'timeouts':
      return typeof second === 'string' && second in SECTION_FIELDS ? (second as keyof SettingsForm) : null;
    case 'activePortRange':
      // The "first port not above the last" check is about the pair: shown at the last port.
      return second === 'from' ? 'activePortFrom' : 'activePortTo';
    case 'concurrentTransfers':
    case 'defaultConflictAction':
    case 'skipIdenticalFiles':
    case 'preserveTimestamps':
    case 'showHiddenFiles':
    case 'transferModeDefault':
    case 'activeExternalAddress':
    case 'theme':
      return first;
    default:
      return null;
  }
}

const SECTION_FIELDS = { downloadKiBps: 1, uploadKiBps: 1, connectSeconds: 1, replySeconds: 1, dataIdleSeconds: 1 };

/** Plain-word ranges for the number fields (the contract's limits). */
const RANGES: Partial<Record<keyof SettingsForm, { min: number; max: number; what: string }>> = {
  concurrentTransfers: { min: 1, max: 10, what: 'a number of transfers' },
  downloadKiBps: { min: 0, max: 10_000_000, what: 'a speed in KiB/s (0 for no limit)' },
  uploadKiBps: { min: 0, max: 10_000_000, what: 'a speed in KiB/s (0 for no limit)' },
  connectSeconds: { min: 1, max: 3600, what: 'a number of seconds' },
  replySeconds: { min: 1, max: 3600, what: 'a number of seconds' },
  dataIdleSeconds: { min: 1, max: 3600, what: 'a number of seconds' },
  activePortFrom: { min: 1024, max: 65535, what: 'a port' },
  activePortTo: { min: 1024, max: 65535, what: 'a port' },
};

/** Problems with the form, by field. */
export function validateSettingsForm(form: SettingsForm, current: Settings): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, range] of Object.entries(RANGES) as [keyof SettingsForm, { min: number; max: number; what: string }][]) {
    if ((field === 'activePortFrom' || field === 'activePortTo') && !form.limitActivePorts) continue;
    const value = whole(String(form[field]));
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      errors[field] = `Enter ${range.what} from ${range.min.toLocaleString('en-US')} to ${range.max.toLocaleString('en-US')}.`;
    }
  }
  const parsed = Settings.safeParse(settingsFromForm(form, current));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = settingsFieldOfPath(issue.path as (string | number)[]);
      if (field !== null && errors[field] === undefined) errors[field] = describeIssue(issue);
    }
  }
  return errors;
}

/** A failed `settings.update`, split by field. */
export function settingsSaveErrors(error: unknown): FormErrors {
  return formErrorsOf(error, settingsFieldOfPath);
}
