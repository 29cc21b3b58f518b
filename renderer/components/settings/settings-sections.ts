/** Which section of the settings view each form field is in (to show the first error). */
import type { SettingsSection } from '../../store/settings';
import type { SettingsForm } from './settings-form-model';

/** The sections in order, with their tab labels. */
export const SECTIONS: { id: SettingsSection; label: string }[] = [
  { id: 'transfers', label: 'Transfers' },
  { id: 'connection', label: 'Connection' },
  { id: 'interface', label: 'Interface' },
  { id: 'passwords', label: 'Passwords' },
  { id: 'trust', label: 'Trusted servers' },
];

const SECTION_OF: Record<keyof SettingsForm, SettingsSection> = {
  concurrentTransfers: 'transfers',
  downloadKiBps: 'transfers',
  uploadKiBps: 'transfers',
  defaultConflictAction: 'transfers',
  skipIdenticalFiles: 'transfers',
  preserveTimestamps: 'transfers',
  connectSeconds: 'connection',
  replySeconds: 'connection',
  dataIdleSeconds: 'connection',
  transferModeDefault: 'connection',
  limitActivePorts: 'connection',
  activePortFrom: 'connection',
  activePortTo: 'connection',
  activeExternalAddress: 'connection',
  theme: 'interface',
  showHiddenFiles: 'interface',
};

/** The section holding the first field with an error, in the order of {@link SECTIONS}; `null` when none. */
export function sectionOfFirstError(errors: Partial<Record<string, string>>): SettingsSection | null {
  const sections = new Set(Object.keys(errors).map((field) => SECTION_OF[field as keyof SettingsForm]).filter(Boolean));
  return SECTIONS.find((section) => sections.has(section.id))?.id ?? null;
}
