/**
 * A context menu (role="menu"): opened by right-click or the menu key, driven
 * by arrows, Home/End, Enter/Space and first letters; Escape, Tab or a click
 * elsewhere closes it. What it lists comes from data (see lib/menu.ts).
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { MenuEntry, MenuItem } from '../lib/menu';

/** Props of {@link ContextMenu}. */
export interface ContextMenuProps {
  /** The menu's accessible name, e.g. "Remote file actions". */
  label: string;
  items: readonly MenuEntry[];
  /** Where it opens, in window coordinates. */
  at: { x: number; y: number };
  onClose(): void;
}

const isItem = (entry: MenuEntry): entry is MenuItem => !('separator' in entry);

/** The menu. */
export function ContextMenu({ label, items, at, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState(at);
  const commands = items.filter(isItem);

  // Keep the whole menu inside the window, opening up or left when there is no room.
  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (!box) return;
    const x = at.x + box.width > window.innerWidth ? Math.max(0, at.x - box.width) : at.x;
    const y = at.y + box.height > window.innerHeight ? Math.max(0, at.y - box.height) : at.y;
    setPosition({ x, y });
    itemElements()[commands.findIndex((c) => !c.disabled)]?.focus();
    // Placed and focused once, when it opens; later renders must not steal focus back.
  }, []);

  useEffect(() => {
    const closeOutside = (event: PointerEvent): void => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    const close = (): void => onClose();
    document.addEventListener('pointerdown', closeOutside, true);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('pointerdown', closeOutside, true);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
    };
  }, [onClose]);

  const itemElements = (): HTMLElement[] => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const focusAt = (index: number): void => {
    const elements = itemElements();
    elements[(index + elements.length) % elements.length]?.focus();
  };
  const choose = (item: MenuItem): void => {
    if (item.disabled) return;
    // Close first, so focus is back in the list before the command (which may open a dialog) runs.
    onClose();
    item.run();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const current = itemElements().indexOf(document.activeElement as HTMLElement);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusAt(current + 1),
      ArrowUp: () => focusAt(current - 1),
      Home: () => focusAt(0),
      End: () => focusAt(-1),
      Escape: onClose,
      Tab: onClose,
      Enter: () => commands[current] && choose(commands[current]),
      ' ': () => commands[current] && choose(commands[current]),
    };
    const action = keys[event.key];
    event.stopPropagation();
    if (action) {
      event.preventDefault();
      action();
      return;
    }
    if (event.key.length === 1) {
      // A letter moves to the next item starting with it.
      const letter = event.key.toLocaleLowerCase();
      const next = commands.findIndex((c, i) => i > current && c.label.toLocaleLowerCase().startsWith(letter));
      const wrapped = next >= 0 ? next : commands.findIndex((c) => c.label.toLocaleLowerCase().startsWith(letter));
      if (wrapped >= 0) focusAt(wrapped);
    }
  };

  return createPortal(
    <div
      ref={menu}
      className="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: position.x, top: position.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((entry) =>
        isItem(entry) ? (
          <div
            key={entry.id}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={entry.disabled || undefined}
            aria-keyshortcuts={entry.shortcut}
            className="context-menu__item"
            onClick={() => choose(entry)}
            onPointerMove={(event) => event.currentTarget.focus()}
          >
            <span>{entry.label}</span>
            {entry.shortcut && (
              <kbd className="context-menu__shortcut" aria-hidden="true">
                {entry.shortcut}
              </kbd>
            )}
          </div>
        ) : (
          <div key={entry.id} role="separator" className="context-menu__separator" />
        ),
      )}
    </div>,
    document.body,
  );
}
