/**
 * Context menus as data: a list of item specs, each deciding for the current
 * situation whether it shows and whether it is enabled. Adding a command is
 * adding one object to a list.
 */

/** One command of a menu specification. */
export interface MenuItemSpec<C> {
  /** Stable id, e.g. `rename`. */
  id: string;
  label: string;
  /** The key that does the same, shown next to the label ("F2"). */
  shortcut?: string;
  /** Whether the item appears at all (default: always). */
  visible?(context: C): boolean;
  /** Whether it can be chosen now (default: yes). Shown greyed out when not. */
  enabled?(context: C): boolean;
  run(context: C): void;
}

/** A specification entry: a command, or a separator line between groups. */
export type MenuSpecEntry<C> = MenuItemSpec<C> | 'separator';

/** A menu item ready to show. */
export interface MenuItem {
  id: string;
  label: string;
  shortcut?: string;
  disabled: boolean;
  run(): void;
}

/** What a menu shows: items and separators. */
export type MenuEntry = MenuItem | { separator: true; id: string };

/**
 * The menu for `context`: hidden items dropped, and separators only between
 * groups that kept at least one item (never first, last or doubled).
 */
export function buildMenu<C>(specs: readonly MenuSpecEntry<C>[], context: C): MenuEntry[] {
  const entries: MenuEntry[] = [];
  let pendingSeparator = false;
  for (const spec of specs) {
    if (spec === 'separator') {
      pendingSeparator = entries.length > 0;
      continue;
    }
    if (spec.visible && !spec.visible(context)) continue;
    if (pendingSeparator) entries.push({ separator: true, id: `separator-${entries.length}` });
    pendingSeparator = false;
    entries.push({
      id: spec.id,
      label: spec.label,
      ...(spec.shortcut === undefined ? {} : { shortcut: spec.shortcut }),
      disabled: spec.enabled ? !spec.enabled(context) : false,
      run: () => spec.run(context),
    });
  }
  return entries;
}
