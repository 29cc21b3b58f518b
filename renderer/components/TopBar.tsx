/** The bar across the top: Ferry's name and how this window is connected to its engine. */
import type { AppInfo } from '../../shared/contract/app';

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
        {info && <span className="brand__version">{info.version}</span>}
      </div>
      {info && (
        <span className="transport-badge" title="How this window talks to Ferry's engine">
          {info.transport === 'electron' ? 'Desktop' : 'Browser mode'} · {info.platform}
        </span>
      )}
    </header>
  );
}
