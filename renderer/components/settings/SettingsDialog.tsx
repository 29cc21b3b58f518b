/**
 * The settings view: sections as tabs. Transfers, Connection and Interface
 * are one form saved together (validated by field first); Passwords and
 * Trusted servers act at once. Closing with unsaved form changes drops them,
 * as Cancel does.
 */
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Settings } from '../../../shared/contract/sites';
import { closeSettings, showSettingsSection, updateSettings, useSettings, type SettingsSection } from '../../store/settings';
import { Modal } from '../Modal';
import type { FieldErrors } from '../sites/api-errors';
import { ConnectionSettings } from './ConnectionSettings';
import { InterfaceSettings } from './InterfaceSettings';
import { PasswordSettings } from './PasswordSettings';
import { formFromSettings, patchFromForm, settingsSaveErrors, validateSettingsForm, type SettingsForm } from './settings-form-model';
import { SECTIONS, sectionOfFirstError } from './settings-sections';
import { TransferSettings } from './TransferSettings';
import { TrustedServers } from './TrustedServers';

/** Shown while the settings view is open. */
export function SettingsDialog() {
  const section = useSettings((s) => s.openSection);
  const settings = useSettings((s) => s.settings);
  const loadError = useSettings((s) => s.loadError);
  if (!section) return null;
  if (!settings) {
    return (
      <Modal
        title="Settings"
        onCancel={closeSettings}
        actions={
          <button type="button" onClick={closeSettings}>
            Close
          </button>
        }
      >
        {loadError ? <p role="alert">Ferry could not read its settings: {loadError}</p> : <p className="muted">Loading…</p>}
      </Modal>
    );
  }
  return <SettingsView section={section} settings={settings} />;
}

function SettingsView({ section, settings }: { section: SettingsSection; settings: Settings }) {
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dialog, setDialog] = useState<ReactNode | null>(null);
  const tabs = useRef<HTMLDivElement>(null);

  const change = (patch: Partial<SettingsForm>): void => {
    setForm((previous) => ({ ...previous, ...patch }));
    setErrors((previous) => {
      const next = { ...previous };
      for (const key of Object.keys(patch)) delete next[key];
      return next;
    });
  };

  const save = async (): Promise<void> => {
    const problems = validateSettingsForm(form, settings);
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) {
      showSettingsSection(sectionOfFirstError(problems) ?? section);
      return;
    }
    setSaving(true);
    try {
      const patch = patchFromForm(form, settings);
      if (Object.keys(patch).length > 0) await updateSettings(patch);
      closeSettings();
    } catch (error) {
      const result = settingsSaveErrors(error);
      setErrors(result.fields);
      setFormError(result.general);
      const first = sectionOfFirstError(result.fields);
      if (first) showSettingsSection(first);
    } finally {
      setSaving(false);
    }
  };

  /** ←/→ (and Home/End) move between tabs, as the tab pattern expects. */
  const onTabKey = (event: KeyboardEvent): void => {
    const index = SECTIONS.findIndex((s) => s.id === section);
    const to =
      event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? SECTIONS.length - 1 : null;
    if (to === null) return;
    event.preventDefault();
    const next = SECTIONS[(to + SECTIONS.length) % SECTIONS.length]!;
    showSettingsSection(next.id);
    tabs.current?.querySelector<HTMLElement>(`#settings-tab-${next.id}`)?.focus();
  };

  const sectionProps = { form, errors, change };
  return (
    <>
      <Modal
        title="Settings"
        onCancel={closeSettings}
        actions={
          <>
            <button type="button" onClick={closeSettings}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
              {saving ? 'Saving…' : 'Save'}
            </button>
          </>
        }
      >
        <div className="settings">
          <div ref={tabs} className="settings__tabs" role="tablist" aria-label="Settings sections" aria-orientation="vertical" onKeyDown={onTabKey}>
            {SECTIONS.map((s) => (
              <button
                key={s.id}
                id={`settings-tab-${s.id}`}
                type="button"
                role="tab"
                aria-selected={s.id === section}
                aria-controls={`settings-panel-${s.id}`}
                tabIndex={s.id === section ? 0 : -1}
                onClick={() => showSettingsSection(s.id)}
              >
                {s.label}
              </button>
            ))}
          </div>
          <form
            className="settings__panels"
            aria-label="Settings"
            hidden={section === 'passwords' || section === 'trust'}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            {formError && (
              <p className="notice notice--danger form-notice" role="alert">
                {formError}
              </p>
            )}
            {SECTIONS.filter((s) => s.id !== 'passwords' && s.id !== 'trust').map((s) => (
              <div key={s.id} id={`settings-panel-${s.id}`} role="tabpanel" aria-labelledby={`settings-tab-${s.id}`} hidden={s.id !== section}>
                {s.id === 'transfers' && <TransferSettings {...sectionProps} />}
                {s.id === 'connection' && <ConnectionSettings {...sectionProps} />}
                {s.id === 'interface' && <InterfaceSettings {...sectionProps} />}
              </div>
            ))}
          </form>
          {/* Outside the form: these act at once and have forms of their own. */}
          {section === 'passwords' && (
            <div id="settings-panel-passwords" className="settings__panels" role="tabpanel" aria-labelledby="settings-tab-passwords">
              <PasswordSettings showDialog={setDialog} />
            </div>
          )}
          {section === 'trust' && (
            <div id="settings-panel-trust" className="settings__panels" role="tabpanel" aria-labelledby="settings-tab-trust">
              <TrustedServers showDialog={setDialog} />
            </div>
          )}
        </div>
      </Modal>
      {/* Beside the settings view, not inside it: Escape in these closes only them. */}
      {dialog}
    </>
  );
}
