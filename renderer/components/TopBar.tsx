/** The bar across the top: Ferry's name, quick connect, and how this window reaches its engine. */
import type { AppInfo } from '../../shared/contract/app';
import { QuickConnect } from './QuickConnect';

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
      <QuickConnect />
      {info && (
        <span className="transport-badge" title={`Ferry ${info.version} · how this window talks to Ferry's engine`}>
          {info.transport === 'electron' ? 'Desktop' : 'Browser mode'}
        </span>
      )}
    </header>
  );
}
