/** Settings: timeouts, and how FTP opens data connections (passive or active, ports, external address). */
import { CheckField, Field } from '../sites/Field';
import type { SettingsForm } from './settings-form-model';
import type { SectionProps } from './TransferSettings';

/** See the module comment. */
export function ConnectionSettings({ form, errors, change }: SectionProps) {
  const seconds = (label: string, key: 'connectSeconds' | 'replySeconds' | 'dataIdleSeconds', hint: string) => (
    <Field label={label} error={errors[key]} hint={hint} aside={<span className="unit">seconds</span>}>
      {(control) => (
        <input {...control} className="input--short" inputMode="numeric" value={form[key]} onChange={(e) => change({ [key]: e.target.value } as Partial<SettingsForm>)} />
      )}
    </Field>
  );
  return (
    <>
      <fieldset className="form-section">
        <legend>Timeouts</legend>
        <div className="form-grid">
          {seconds('Connect timeout', 'connectSeconds', 'How long to wait for a server to answer a new connection.')}
          {seconds('Reply timeout', 'replySeconds', 'How long to wait for the reply to a command.')}
          {seconds('Idle data timeout', 'dataIdleSeconds', 'A transfer with no data for this long is retried.')}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>FTP data connections</legend>
        <div className="form-grid">
          <Field label="Default transfer mode" error={errors.transferModeDefault} hint="For sites set to “Default”. Passive works behind most firewalls.">
            {(control) => (
              <select {...control} value={form.transferModeDefault} onChange={(e) => change({ transferModeDefault: e.target.value as SettingsForm['transferModeDefault'] })}>
                <option value="passive">Passive</option>
                <option value="active">Active</option>
              </select>
            )}
          </Field>
          <Field label="External address for active mode" error={errors.activeExternalAddress} hint="Empty: the address of this computer’s connection.">
            {(control) => (
              <input {...control} value={form.activeExternalAddress} spellCheck={false} onChange={(e) => change({ activeExternalAddress: e.target.value })} />
            )}
          </Field>
          <CheckField
            label="Limit the ports used in active mode"
            hint="Open only these ports in your firewall. Otherwise the system picks any free port."
            checked={form.limitActivePorts}
            onChange={(limitActivePorts) => change({ limitActivePorts })}
          />
          {form.limitActivePorts && (
            <>
              <Field label="First active port" error={errors.activePortFrom}>
                {(control) => <input {...control} className="input--short" inputMode="numeric" value={form.activePortFrom} onChange={(e) => change({ activePortFrom: e.target.value })} />}
              </Field>
              <Field label="Last active port" error={errors.activePortTo}>
                {(control) => <input {...control} className="input--short" inputMode="numeric" value={form.activePortTo} onChange={(e) => change({ activePortTo: e.target.value })} />}
              </Field>
            </>
          )}
        </div>
      </fieldset>
    </>
  );
}
