/** Settings: how many transfers run at once, speed limits, what to do with existing files, timestamps. */
import type { ConflictAction } from '../../../shared/contract/sites';
import type { FieldErrors } from '../sites/api-errors';
import { CheckField, Field } from '../sites/Field';
import type { SettingsForm } from './settings-form-model';

const CONFLICT_ACTIONS: Record<ConflictAction, string> = {
  ask: 'Ask me',
  overwrite: 'Overwrite',
  'overwrite-if-newer': 'Overwrite if the source is newer',
  'overwrite-if-size-differs': 'Overwrite if the size differs',
  'overwrite-if-size-differs-or-newer': 'Overwrite if the size differs or the source is newer',
  resume: 'Resume',
  'keep-both': 'Keep both (the new one gets a free name)',
  skip: 'Skip',
};

/** Props of the settings sections. */
export interface SectionProps {
  form: SettingsForm;
  errors: FieldErrors;
  change(patch: Partial<SettingsForm>): void;
}

/** See the module comment. */
export function TransferSettings({ form, errors, change }: SectionProps) {
  return (
    <div className="form-grid">
      <Field label="Concurrent transfers" error={errors.concurrentTransfers} hint="1 to 10 files at once.">
        {(control) => (
          <input {...control} className="input--short" inputMode="numeric" value={form.concurrentTransfers} onChange={(e) => change({ concurrentTransfers: e.target.value })} />
        )}
      </Field>
      <Field label="When a file already exists" error={errors.defaultConflictAction}>
        {(control) => (
          <select {...control} value={form.defaultConflictAction} onChange={(e) => change({ defaultConflictAction: e.target.value as ConflictAction })}>
            {Object.entries(CONFLICT_ACTIONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Download speed limit" error={errors.downloadKiBps} hint="0 means no limit." aside={<span className="unit">KiB/s</span>}>
        {(control) => <input {...control} className="input--short" inputMode="numeric" value={form.downloadKiBps} onChange={(e) => change({ downloadKiBps: e.target.value })} />}
      </Field>
      <Field label="Upload speed limit" error={errors.uploadKiBps} hint="0 means no limit." aside={<span className="unit">KiB/s</span>}>
        {(control) => <input {...control} className="input--short" inputMode="numeric" value={form.uploadKiBps} onChange={(e) => change({ uploadKiBps: e.target.value })} />}
      </Field>
      <CheckField
        label="Skip identical files"
        hint="Files with the same size and time on both sides are skipped without asking."
        checked={form.skipIdenticalFiles}
        onChange={(skipIdenticalFiles) => change({ skipIdenticalFiles })}
      />
      <CheckField
        label="Preserve timestamps"
        hint="Transferred files keep their modification time."
        checked={form.preserveTimestamps}
        onChange={(preserveTimestamps) => change({ preserveTimestamps })}
      />
    </div>
  );
}
