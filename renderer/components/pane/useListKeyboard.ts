/**
 * The file list's keyboard: cursor movement and selection, the pane commands
 * (F2, Delete, F5, F7, the menu key), and type-to-find.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { PaneEntry } from '../../lib/entries';
import { clampIndex, rangeKeys, toggleKey } from '../../lib/selection';
import { findTypedMatch, nextQuery } from '../../lib/type-to-find';

/** Commands the list hands to its pane. */
export type ListCommand = 'rename' | 'delete' | 'refresh' | 'create-folder' | 'menu' | 'up';

/** What the keyboard hook needs from the list. */
export interface ListKeyboardOptions {
  rows: readonly PaneEntry[];
  selected: ReadonlySet<string>;
  cursorIndex: number;
  /** Where a Shift range starts. */
  anchor: { current: string | null };
  /** Rows that fit in the viewport, for PageUp/PageDown. */
  pageSize(): number;
  select(keys: string[], cursor: string | null): void;
  scrollTo(index: number): void;
  open(entry: PaneEntry): void;
  command(command: ListCommand): void;
}

const COMMAND_KEYS: Record<string, ListCommand> = {
  F2: 'rename',
  Delete: 'delete',
  F5: 'refresh',
  F7: 'create-folder',
  ContextMenu: 'menu',
  Backspace: 'up',
};

/** The list's keydown handler. */
export function useListKeyboard(options: ListKeyboardOptions): (event: KeyboardEvent) => void {
  const typed = useRef({ text: '', at: 0 });

  return (event) => {
    const { rows, selected, cursorIndex, anchor } = options;
    const modifier = event.ctrlKey || event.metaKey;

    /** Moves the cursor; Shift extends from the anchor, Ctrl moves without changing the selection. */
    const moveTo = (target: number): void => {
      const index = clampIndex(target, rows.length);
      const row = rows[index];
      if (!row) return;
      if (event.shiftKey) {
        const from = rows.findIndex((r) => r.key === anchor.current);
        options.select(rangeKeys(rows, from >= 0 ? from : Math.max(0, cursorIndex), index), row.key);
      } else if (modifier) {
        options.select([...selected], row.key);
      } else {
        anchor.current = row.key;
        options.select([row.key], row.key);
      }
      options.scrollTo(index);
    };
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveTo(cursorIndex + 1),
      ArrowUp: () => moveTo(cursorIndex < 0 ? 0 : cursorIndex - 1),
      PageDown: () => moveTo(cursorIndex + options.pageSize()),
      PageUp: () => moveTo(cursorIndex - options.pageSize()),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
    };

    const handled = ((): boolean => {
      if (event.altKey) {
        if (event.key !== 'ArrowUp') return false;
        options.command('up');
        return true;
      }
      if (modifier && event.key.toLowerCase() === 'a') {
        options.select(
          rows.map((r) => r.key),
          rows[cursorIndex]?.key ?? null,
        );
        return true;
      }
      if (modifier && event.key === ' ') {
        const row = rows[cursorIndex];
        if (row) options.select(toggleKey(selected, row.key), row.key);
        return true;
      }
      if (event.shiftKey && event.key === 'F10') {
        options.command('menu');
        return true;
      }
      // Cmd+Backspace deletes on macOS, where there is often no Delete key.
      if (event.metaKey && event.key === 'Backspace') {
        options.command('delete');
        return true;
      }
      const move = moves[event.key];
      if (move) {
        move();
        return true;
      }
      if (event.key === 'Enter') {
        const row = rows[cursorIndex];
        if (row) options.open(row);
        return true;
      }
      const command = COMMAND_KEYS[event.key];
      if (command && !modifier) {
        options.command(command);
        return true;
      }
      if (event.key === 'Escape' && selected.size > 0) {
        options.select([], rows[cursorIndex]?.key ?? null);
        return true;
      }
      return findAsTyped(event);
    })();
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }

    /** Letters jump to the first name starting with what was typed. */
    function findAsTyped(key: KeyboardEvent): boolean {
      if (modifier || [...key.key].length !== 1) return false; // Named keys (Tab, F3, …) are longer.
      if (key.key === ' ' && typed.current.text === '') return false;
      const names = rows.map((r) => r.name);
      typed.current = nextQuery(typed.current, key.key, Date.now());
      let index = findTypedMatch(names, typed.current.text, cursorIndex);
      if (index < 0 && typed.current.text.length > 1) {
        // Nothing starts with "cb": the user most likely meant to start over with "b".
        typed.current = { text: key.key, at: typed.current.at };
        index = findTypedMatch(names, key.key, cursorIndex);
      }
      if (index >= 0) {
        anchor.current = rows[index]!.key;
        options.select([rows[index]!.key], rows[index]!.key);
        options.scrollTo(index);
      }
      return true;
    }
  };
}
