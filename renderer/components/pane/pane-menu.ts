/**
 * What the panes' context menus list, as data. One list per side; each item
 * decides from the context whether it shows and whether it is enabled.
 *
 * Transfer commands ("Upload", "Download") are the first group; they show
 * when the pane was given a `transfer` callback (components/dnd/usePaneTransfers).
 */
import type { PaneEntry } from '../../lib/entries';
import type { MenuSpecEntry } from '../../lib/menu';

/** The commands a pane offers its menu (and its keyboard and toolbar). */
export interface PaneCommands {
  /** Opens a folder (or hands a file to whoever opens files). */
  open(entry: PaneEntry): void;
  /** Asks for a name, creates the folder, and with `enter` opens it. */
  createFolder(enter: boolean): void;
  refresh(): void;
  /** Asks, then deletes. */
  remove(entries: readonly PaneEntry[]): void;
  /** Starts rename in place. */
  rename(entry: PaneEntry): void;
  /** Servers only: copies the entries' (or the folder's) addresses. */
  copyUrl(entries: readonly PaneEntry[]): void;
  /** Servers only: the permissions dialog. */
  permissions(entries: readonly PaneEntry[]): void;
  /** Servers only: view/edit a file with the system's app (absent where the pane cannot). */
  edit?(entry: PaneEntry): void;
}

/** What a menu item sees when the menu opens. */
export interface PaneMenuContext {
  /** The selected entries the command applies to (may be none: the folder itself). */
  targets: readonly PaneEntry[];
  commands: PaneCommands;
  /** Sends entries to the other side's folder, when the pane can (see components/dnd/usePaneTransfers). */
  transfer?(entries: readonly PaneEntry[]): void;
  /** Queues entries paused for the other side ("Add to queue"). */
  queue?(entries: readonly PaneEntry[]): void;
}

const one = (c: PaneMenuContext): boolean => c.targets.length === 1;
const canTransfer = (c: PaneMenuContext): boolean => c.transfer !== undefined;
const some = (c: PaneMenuContext): boolean => c.targets.length > 0;

const createFolder: MenuSpecEntry<PaneMenuContext> = {
  id: 'create-folder',
  label: 'Create folder',
  shortcut: 'F7',
  run: (c) => c.commands.createFolder(false),
};
const refresh: MenuSpecEntry<PaneMenuContext> = { id: 'refresh', label: 'Refresh', shortcut: 'F5', run: (c) => c.commands.refresh() };
const remove: MenuSpecEntry<PaneMenuContext> = {
  id: 'delete',
  label: 'Delete',
  shortcut: 'Delete',
  enabled: some,
  run: (c) => c.commands.remove(c.targets),
};
const rename: MenuSpecEntry<PaneMenuContext> = {
  id: 'rename',
  label: 'Rename',
  shortcut: 'F2',
  enabled: one,
  run: (c) => c.commands.rename(c.targets[0]!),
};

const open: MenuSpecEntry<PaneMenuContext> = {
  id: 'open',
  label: 'Open',
  shortcut: 'Enter',
  visible: (c) => one(c) && c.targets[0]!.isFolder,
  run: (c) => c.commands.open(c.targets[0]!),
};

/** The local pane's menu. */
export const LOCAL_MENU: readonly MenuSpecEntry<PaneMenuContext>[] = [
  { id: 'upload', label: 'Upload', visible: canTransfer, enabled: some, run: (c) => c.transfer?.(c.targets) },
  { id: 'queue-upload', label: 'Add to queue', visible: (c) => c.queue !== undefined, enabled: some, run: (c) => c.queue?.(c.targets) },
  'separator',
  open,
  'separator',
  createFolder,
  refresh,
  'separator',
  remove,
  rename,
];

/** The remote pane's menu. */
export const REMOTE_MENU: readonly MenuSpecEntry<PaneMenuContext>[] = [
  { id: 'download', label: 'Download', visible: canTransfer, enabled: some, run: (c) => c.transfer?.(c.targets) },
  { id: 'queue-download', label: 'Add to queue', visible: (c) => c.queue !== undefined, enabled: some, run: (c) => c.queue?.(c.targets) },
  'separator',
  open,
  {
    id: 'edit',
    label: 'View/Edit',
    visible: (c) => c.commands.edit !== undefined && one(c) && !c.targets[0]!.isFolder,
    run: (c) => c.commands.edit?.(c.targets[0]!),
  },
  'separator',
  createFolder,
  { id: 'create-folder-enter', label: 'Create folder and enter it', run: (c) => c.commands.createFolder(true) },
  refresh,
  'separator',
  remove,
  rename,
  'separator',
  { id: 'copy-url', label: 'Copy URL', run: (c) => c.commands.copyUrl(c.targets) },
  { id: 'permissions', label: 'Permissions…', enabled: some, run: (c) => c.commands.permissions(c.targets) },
];
