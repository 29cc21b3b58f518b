/**
 * What a pane does, in one place: the commands its keyboard, toolbar and
 * context menu share (create folder, rename, delete, refresh, copy URL,
 * permissions), the dialogs they open, and what the pane says about them.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PaneEntry } from '../../lib/entries';
import { nameProblem } from '../../lib/names';
import type { BulkOutcome, PaneOperations, Recurse } from '../../store/pane-operations';
import type { PaneStore } from '../../store/pane-store';
import type { RenameState } from '../FileList';
import type { PaneCommands } from './pane-menu';
import type { ListCommand } from './useListKeyboard';
import { errorMessage } from '../../lib/errors';

/** A dialog a pane shows. */
export type PaneDialog =
  | { kind: 'create-folder'; enter: boolean }
  | { kind: 'delete'; entries: readonly PaneEntry[] }
  | { kind: 'permissions'; entries: readonly PaneEntry[] };

/** A message above the list: an error, or a confirmation such as "Copied …". */
export interface PaneNotice {
  tone: 'error' | 'info';
  text: string;
  /** An error's detail (the server's reply), for the notice's "Details". */
  detail?: string;
}

/** What the controller needs from its pane. */
export interface PaneControllerOptions {
  store: PaneStore;
  operations: PaneOperations;
  /** The rows shown (sorted, filtered): commands act on the selected ones among them. */
  rows: readonly PaneEntry[];
  focusList(): void;
  onOpenFile?(entry: PaneEntry): void;
}

/** The pane's commands and the state they show. */
export function usePaneController(options: PaneControllerOptions) {
  const [dialog, setDialog] = useState<PaneDialog | null>(null);
  const [renaming, setRenaming] = useState<RenameState | null>(null);
  const [notice, setNotice] = useState<PaneNotice | null>(null);
  const [activity, setActivity] = useState<string | null>(null);
  const [editingPath, setEditingPath] = useState(false);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const noticeId = useId();
  const latest = useRef(options);
  latest.current = options;

  /** The selected rows that are shown (a filter may hide selected ones: they are left alone). */
  const selection = (): PaneEntry[] => {
    const { store, rows } = latest.current;
    const { selected } = store.getState();
    return selected.size === 0 ? [] : rows.filter((row) => selected.has(row.key));
  };
  const fail = (prefix: string, error: unknown): void => {
    const detail = error instanceof Error && 'detail' in error && typeof error.detail === 'string' ? { detail: error.detail } : {};
    setNotice({ tone: 'error', text: `${prefix}: ${errorMessage(error)}`, ...detail });
  };
  const reportBulk = (verb: string, total: number, outcome: BulkOutcome): void => {
    if (outcome.failed.length === 0) return setNotice(null);
    const details = outcome.failed
      .slice(0, 3)
      .map((f) => `${f.path}: ${f.message}`)
      .join('; ');
    const more = outcome.failed.length > 3 ? `; and ${outcome.failed.length - 3} more` : '';
    setNotice({ tone: 'error', text: `Could not ${verb} ${outcome.failed.length} of ${total} items. ${details}${more}` });
  };
  /**
   * FTP's RNTO replaces an existing file on most servers and MKD on a
   * server may "succeed" for an existing folder, so names already listed are
   * refused here first (the local back end checks again itself).
   */
  const taken = (name: string, except?: PaneEntry): boolean =>
    latest.current.store.getState().entries.some((e) => e.name === name && e !== except);
  // Focus goes back where it was when the dialog opened: the list after F7 or
  // the menu, the button after a toolbar click. (The <dialog> cannot do this
  // itself: React removes it from the page before it is closed.)
  const returnFocus = useRef<Element | null>(null);
  const openDialog = (next: PaneDialog): void => {
    returnFocus.current = document.activeElement;
    setDialog(next);
  };
  useEffect(() => {
    if (dialog !== null) return;
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target instanceof HTMLElement && target.isConnected) target.focus();
  }, [dialog]);
  const closeDialog = (): void => setDialog(null);

  const commands = useMemo<PaneCommands>(
    () => ({
      open(entry) {
        if (entry.isFolder) void latest.current.store.getState().open(entry.key);
        else latest.current.onOpenFile?.(entry);
      },
      createFolder(enter) {
        if (latest.current.store.getState().path !== null) openDialog({ kind: 'create-folder', enter });
      },
      refresh() {
        setNotice(null);
        void latest.current.store.getState().refresh();
      },
      remove(entries) {
        if (entries.length > 0) openDialog({ kind: 'delete', entries });
      },
      rename(entry) {
        setNotice(null);
        setRenaming({ key: entry.key, busy: false });
      },
      edit: latest.current.operations.edit
        ? (entry) => {
            void latest.current.operations.edit?.(entry.key);
          }
        : undefined,
      copyUrl(entries) {
        const { operations, store } = latest.current;
        const folder = store.getState().path;
        if (!operations.urlOf || folder === null) return;
        const urls = (entries.length > 0 ? entries.map((e) => e.key) : [folder]).map((p) => operations.urlOf!(p));
        navigator.clipboard.writeText(urls.join('\n')).then(
          () => setNotice({ tone: 'info', text: urls.length === 1 ? `Copied ${urls[0]}` : `Copied ${urls.length} addresses.` }),
          (error: unknown) => fail('Could not copy to the clipboard', error),
        );
      },
      permissions(entries) {
        if (entries.length > 0 && latest.current.operations.chmod) openDialog({ kind: 'permissions', entries });
      },
    }),
    [],
  );

  /** Keys from the list: they act on the selection. */
  const listCommand = (command: Exclude<ListCommand, 'menu'>): void => {
    const { store } = latest.current;
    const chosen = selection();
    if (command === 'rename') {
      const cursor = store.getState().cursor;
      const target = chosen.find((e) => e.key === cursor) ?? (chosen.length === 1 ? chosen[0] : undefined);
      if (target) commands.rename(target);
    } else if (command === 'delete') commands.remove(chosen);
    else if (command === 'refresh') commands.refresh();
    else if (command === 'create-folder') commands.createFolder(false);
    else void store.getState().up();
  };

  const createFolder = async (name: string, enter: boolean): Promise<void> => {
    const { store, operations } = latest.current;
    const folder = store.getState().path;
    if (folder === null) return;
    if (taken(name)) throw new Error(`"${name}" already exists in this folder.`);
    const created = await operations.createFolder(folder, name);
    closeDialog();
    if (enter) await store.getState().open(created);
    else await store.getState().refresh(created);
  };

  const commitRename = async (entry: PaneEntry, name: string, refocus: boolean): Promise<void> => {
    const problem = nameProblem(name) ?? (taken(name, entry) ? `"${name}" already exists in this folder.` : null);
    if (problem) {
      setNotice({ tone: 'error', text: `Could not rename "${entry.name}": ${problem}` });
      return setRenaming({ key: entry.key, busy: false, errorId: noticeId });
    }
    setRenaming({ key: entry.key, busy: true });
    try {
      const renamed = await latest.current.operations.rename(entry, name);
      setRenaming(null);
      setNotice(null);
      if (refocus) latest.current.focusList();
      await latest.current.store.getState().refresh(renamed);
    } catch (error) {
      fail(`Could not rename "${entry.name}" to "${name}"`, error);
      setRenaming({ key: entry.key, busy: false, errorId: noticeId });
    }
  };

  const cancelRename = (refocus: boolean): void => {
    setRenaming(null);
    setNotice(null);
    if (refocus) latest.current.focusList();
  };

  const confirmDelete = async (entries: readonly PaneEntry[]): Promise<void> => {
    closeDialog();
    const { store, operations } = latest.current;
    setActivity(`Deleting ${entries.length === 1 ? `"${entries[0]!.name}"` : `${entries.length.toLocaleString('en-US')} items`}…`);
    try {
      reportBulk('delete', entries.length, await operations.remove(entries));
    } catch (error) {
      fail('Could not delete', error);
    } finally {
      setActivity(null);
    }
    await store.getState().refresh();
  };

  const changePermissions = async (entries: readonly PaneEntry[], mode: number, recurse: Recurse): Promise<void> => {
    const { store, operations } = latest.current;
    if (!operations.chmod) return;
    const outcome = await operations.chmod(entries, mode, recurse);
    closeDialog();
    reportBulk('change the permissions of', outcome.done + outcome.failed.length, outcome);
    await store.getState().refresh();
  };

  const openTypedPath = async (text: string): Promise<void> => {
    const { store, operations } = latest.current;
    setEditingPath(false);
    latest.current.focusList();
    try {
      await store.getState().open(await operations.resolveTypedPath(text, store.getState().path));
    } catch (error) {
      fail('Could not open that path', error);
    }
  };

  return {
    commands,
    selection,
    listCommand,
    dialog,
    closeDialog,
    createFolder,
    confirmDelete,
    changePermissions,
    renaming,
    commitRename: (entry: PaneEntry, name: string, refocus: boolean) => void commitRename(entry, name, refocus),
    cancelRename,
    notice,
    noticeId,
    dismissNotice: () => setNotice(null),
    activity,
    editingPath,
    startEditingPath: () => setEditingPath(true),
    cancelEditingPath: (refocus: boolean) => {
      setEditingPath(false);
      if (refocus) latest.current.focusList();
    },
    openTypedPath: (text: string) => void openTypedPath(text),
    menuAt,
    openMenu: setMenuAt,
    closeMenu: () => setMenuAt(null),
  };
}

/** What {@link usePaneController} returns. */
export type PaneController = ReturnType<typeof usePaneController>;
