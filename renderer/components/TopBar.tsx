/**
 * The bar across the top: Ferry's name, the site manager, quick connect, the
 * saved-passwords lock, how this window reaches its engine, and settings.
 */
import type { AppInfo } from '../../shared/contract/app';
import { QuickConnect } from './QuickConnect';
import { SettingsButton } from './settings/SettingsButton';
import { PasswordLockButton } from './sites/PasswordLockButton';
import { SiteManagerButton } from './sites/SiteManagerButton';
import { StorageProblemsButton } from './sites/StorageProblemsButton';
import { UnlockDialog } from './sites/UnlockDialog';

/** Props of {@link TopBar}. */
export interface TopBarProps {
  info: AppInfo | null;
}

/** The top bar. */
export function TopBar({ info }: TopBarProps) {
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true" />
        <span className="brand__name">Ferry</span>
      </div>
      <SiteManagerButton />
      <QuickConnect />
      <PasswordLockButton />
      <StorageProblemsButton />
      {info && (
        <span className="transport-badge" title={`Ferry ${info.version} · how this window talks to Ferry's engine`}>
          {info.transport === 'electron' ? 'Desktop' : 'Browser mode'}
        </span>
      )}
      <SettingsButton />
      <UnlockDialog />
    </header>
  );
}
