/** The top bar's "Settings" button and the settings view while it is open. */
import { openSettings } from '../../store/settings';
import { SettingsDialog } from './SettingsDialog';
import './settings.css';

/** See the module comment. */
export function SettingsButton() {
  return (
    <>
      <button type="button" className="top-button" onClick={() => openSettings()}>
        <span className="top-button__icon top-button__icon--settings" aria-hidden="true" />
        Settings
      </button>
      <SettingsDialog />
    </>
  );
}
