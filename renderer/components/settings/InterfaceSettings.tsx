/** Settings: the theme and whether hidden files are listed. */
import { CheckField, Field } from '../sites/Field';
import type { SettingsForm } from './settings-form-model';
import type { SectionProps } from './TransferSettings';

/** See the module comment. */
export function InterfaceSettings({ form, errors, change }: SectionProps) {
  return (
    <div className="form-grid">
      <Field label="Theme" error={errors.theme} hint="“System” follows your operating system’s light or dark mode.">
        {(control) => (
          <select {...control} value={form.theme} onChange={(e) => change({ theme: e.target.value as SettingsForm['theme'] })}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        )}
      </Field>
      <CheckField
        label="Show hidden files"
        hint="Files whose names start with a dot."
        checked={form.showHiddenFiles}
        onChange={(showHiddenFiles) => change({ showHiddenFiles })}
      />
    </div>
  );
}
