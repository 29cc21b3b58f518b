/**
 * One file pane (local or remote): navigation and path, tools, the list, the
 * summary line, its context menu and dialogs. What it can change comes in as
 * `operations`, so both sides share this component.
 */
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import type { PaneEntry } from '../lib/entries';
import { buildMenu } from '../lib/menu';
import { summaryText } from '../lib/summary';
import { setColumnWidth, setShowHiddenFor, useLayout } from '../store/layout';
import type { PaneOperations } from '../store/pane-operations';
import type { PaneStore } from '../store/pane-store';
import { ContextMenu } from './ContextMenu';
import { ErrorDetails, logSearchFor } from './ErrorDetails';
import { FileList } from './FileList';
import { PathBar } from './PathBar';
import type { Column } from './pane/columns';
import { LOCAL_MENU, REMOTE_MENU } from './pane/pane-menu';
import { PaneDialogs } from './pane/PaneDialogs';
import { PaneNotice } from './pane/PaneNotice';
import { PaneTools } from './pane/PaneTools';
import { useComparisonMarks } from './pane/useComparisonMarks';
import { usePaneController } from './pane/usePaneController';
import { usePaneRows } from './pane/usePaneRows';

/** Props of {@link PaneView}. */
export interface PaneViewProps {
  /** "Local" or "Remote": used in every label so tests and screen readers can tell panes apart. */
  side: 'Local' | 'Remote';
  store: PaneStore;
  operations: PaneOperations;
  columns: readonly Column[];
  /** The other side's pane, for directory comparison. */
  compareWith: PaneStore | null;
  /** "this computer" or the server's name, for the delete warning. */
  where: string;
  onOpenFile?(entry: PaneEntry): void;
  /** The context menu's "Download"/"Upload": send entries to the other side (see components/dnd). */
  onTransfer?(entries: readonly PaneEntry[]): void;
  /** "Add to queue" for the selection. */
  onQueue?(entries: readonly PaneEntry[]): void;
}

/** A pane bound to its store. */
export function PaneView({ side, store, operations, columns, compareWith, where, onOpenFile, onTransfer, onQueue }: PaneViewProps) {
  const state = useStore(
    store,
    useShallow((s) => ({
      path: s.path,
      parent: s.parent,
      segments: s.segments,
      status: s.status,
      error: s.error,
      sort: s.sort,
      selected: s.selected,
      cursor: s.cursor,
      filter: s.filter,
      showHidden: s.showHidden,
      canGoBack: s.back.length > 0,
      canGoForward: s.forward.length > 0,
    })),
  );
  const actions = store.getState();
  const widths = useLayout((s) => s.columns[side]);
  const { entries, rows } = usePaneRows(store);
  const marks = useComparisonMarks(store, compareWith);
  const grid = useRef<HTMLDivElement>(null);
  const focusList = (): void => grid.current?.focus();
  const controller = usePaneController({ store, operations, rows, focusList, ...(onOpenFile ? { onOpenFile } : {}) });
  const summary = useMemo(
    () => summaryText(entries, rows, state.selected.size === 0 ? [] : rows.filter((r) => state.selected.has(r.key))),
    [entries, rows, state.selected],
  );

  // Pane-wide keys, wherever focus is in the pane (the list handles its own first).
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented) return;
    const modifier = event.ctrlKey || event.metaKey;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (modifier && key === 'l') controller.startEditingPath();
    else if (key === 'F5' && !modifier) controller.commands.refresh();
    else if (key === 'F7' && !modifier) controller.commands.createFolder(false);
    else if (key === 'ArrowLeft' && event.altKey) void actions.goBack();
    else if (key === 'ArrowRight' && event.altKey) void actions.goForward();
    else return;
    // Also keeps the browser from reloading (F5) or focusing its address bar (Ctrl+L) in browser mode.
    event.preventDefault();
  };

  const loading = state.status === 'loading';
  const busy = loading || controller.activity !== null;
  return (
    <section className="pane" aria-label={`${side} files`} aria-busy={busy} onKeyDown={onKeyDown}>
      <PathBar
        side={side}
        path={state.path}
        segments={state.segments}
        canGoBack={state.canGoBack}
        canGoForward={state.canGoForward}
        canGoUp={state.parent !== null}
        editing={controller.editingPath}
        onOpen={(path) => void actions.open(path)}
        onBack={() => void actions.goBack()}
        onForward={() => void actions.goForward()}
        onUp={() => void actions.up()}
        onRefresh={controller.commands.refresh}
        onStartEditing={controller.startEditingPath}
        onSubmitPath={controller.openTypedPath}
        onCancelEditing={controller.cancelEditingPath}
      />
      <PaneTools
        side={side}
        filter={state.filter}
        showHidden={state.showHidden}
        ready={state.path !== null}
        onFilter={actions.setFilter}
        onShowHidden={(show) => {
          actions.setShowHidden(show);
          setShowHiddenFor(side, show);
        }}
        onCreateFolder={() => controller.commands.createFolder(false)}
        onFocusList={focusList}
      />
      {loading && <div className="pane__progress" role="progressbar" aria-label={`Loading the ${side.toLowerCase()} folder`} />}
      {state.error && (
        <div className="pane__error" role="alert">
          <strong>Could not open this folder.</strong> {state.error.message}
          <ErrorDetails detail={state.error.detail} search={logSearchFor(state.error.detail, state.path ?? '')} />
        </div>
      )}
      {controller.notice && <PaneNotice id={controller.noticeId} notice={controller.notice} onDismiss={controller.dismissNotice} />}
      <FileList
        label={`${side} file list`}
        rows={rows}
        columns={columns}
        widths={widths}
        onResizeColumn={(column, width) => setColumnWidth(side, column, width)}
        sort={state.sort}
        selected={state.selected}
        cursor={state.cursor}
        marks={marks}
        renaming={controller.renaming}
        gridRef={grid}
        onSort={actions.setSort}
        onSelect={actions.select}
        onOpen={controller.commands.open}
        onCommand={controller.listCommand}
        onContextMenu={controller.openMenu}
        onRenameCommit={controller.commitRename}
        onRenameCancel={controller.cancelRename}
      />
      {state.status === 'ready' && rows.length === 0 && <p className="pane__empty">{emptyText(entries.length, state.filter)}</p>}
      <p className="pane__summary" role="status" aria-label={`${side} summary`}>
        {controller.activity ?? summary}
      </p>
      {controller.menuAt && (
        <ContextMenu
          label={`${side} file actions`}
          items={buildMenu(side === 'Remote' ? REMOTE_MENU : LOCAL_MENU, { targets: controller.selection(), commands: controller.commands, ...(onTransfer ? { transfer: onTransfer } : {}), ...(onQueue ? { queue: onQueue } : {}) })}
          at={controller.menuAt}
          onClose={() => {
            controller.closeMenu();
            focusList();
          }}
        />
      )}
      <PaneDialogs controller={controller} folder={state.path} where={where} />
    </section>
  );
}

/** Why a pane shows no rows. */
function emptyText(entries: number, filter: string): string {
  if (entries === 0) return 'This folder is empty.';
  if (filter.trim() !== '') return `No names contain "${filter.trim()}".`;
  return 'Only hidden files are here. "Show hidden files" shows them.';
}
