/**
 * The quick-connect bar's recent connections ("Recent servers": a name
 * without "connect", so the bar's Connect button stays the only one): a menu listing the last
 * servers connected to (never with a password); picking one fills the bar,
 * and "Clear recent" forgets them. Keyboard: ↑/↓ move, Enter picks, Escape
 * closes and returns to the button.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RecentConnection } from '../../../shared/contract/sites';
import { clearRecent, loadRecent, useSites } from '../../store/sites';
import { errorMessage } from './api-errors';

/** Props of {@link RecentConnections}. */
export interface RecentConnectionsProps {
  onPick(recent: RecentConnection): void;
}

/** `alice@example.com:21` */
export function describeRecent(recent: RecentConnection): string {
  const host = recent.host.includes(':') ? `[${recent.host}]` : recent.host;
  return `${recent.user ? `${recent.user}@` : ''}${host}:${recent.port}`;
}

function protocolLabel(recent: RecentConnection): string {
  if (recent.protocol === 'sftp') return 'SFTP';
  return { plain: 'FTP (insecure)', implicit: 'FTPS', 'require-explicit': 'FTPES', 'explicit-if-available': 'FTP' }[recent.encryption];
}

/** See the module comment. */
export function RecentConnections({ onPick }: RecentConnectionsProps) {
  const recent = useSites((s) => s.recent);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    loadRecent().catch((e: unknown) => setError(errorMessage(e)));
    const onPointer = (event: PointerEvent): void => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  // The first item takes focus when the menu opens (and again when the list arrives).
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, recent]);

  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number): void => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(index + 1);
        break;
      case 'ArrowUp':
        focus(index - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Escape':
        close();
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="recent">
      <button
        ref={button}
        type="button"
        className="recent__button"
        aria-label="Recent servers"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Recent servers"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div ref={menu} className="recent__menu" role="menu" aria-label="Recent servers" onKeyDown={onKeyDown}>
          {error && <p className="recent__note">{error}</p>}
          {recent.length === 0 && !error && (
            <div role="menuitem" aria-disabled="true" className="recent__note" tabIndex={-1}>
              No recent servers yet
            </div>
          )}
          {recent.map((item) => (
            <button
              key={`${item.protocol}:${item.encryption}:${item.host}:${item.port}:${item.user}`}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                onPick(item);
                close();
              }}
            >
              <span>{describeRecent(item)}</span>
              <span className="recent__kind">{protocolLabel(item)}</span>
            </button>
          ))}
          {recent.length > 0 && (
            <>
              <div role="separator" className="recent__separator" />
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  void clearRecent().catch((e: unknown) => setError(errorMessage(e)));
                  close();
                }}
              >
                Clear recent
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
