/**
 * The tree of folders and sites (role="tree"): one focusable row at a time
 * (roving tabindex), the keyboard model of {@link treeKeyAction}, rename in
 * place (F2), and drag and drop of a row onto a folder (or the empty space
 * below: the top level). Selection follows focus, as in FileZilla.
 */
import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { SiteTree } from '../../../shared/contract/sites';
import { canMoveInto, flattenTree, treeKeyAction, type TreeRow } from './tree-model';

/** Props of {@link SiteTreeView}. */
export interface SiteTreeViewProps {
  tree: SiteTree;
  expanded: ReadonlySet<string>;
  selectedId: string | null;
  /** The row being renamed in place, if any. */
  renamingId: string | null;
  onToggle(id: string, open: boolean): void;
  onSelect(id: string): void;
  onConnect(id: string): void;
  onStartRename(id: string): void;
  /** Resolves to an error sentence to show under the name, or `null` when renamed. */
  onRename(id: string, name: string): Promise<string | null>;
  onCancelRename(): void;
  onDelete(id: string): void;
  onMove(id: string, parentId: string | null): void;
}

const DRAG_TYPE = 'application/x-ferry-site';

/** See the module comment. */
export function SiteTreeView(props: SiteTreeViewProps) {
  const { tree, expanded, selectedId, renamingId } = props;
  const rows = useMemo(() => flattenTree(tree, expanded), [tree, expanded]);
  const listRef = useRef<HTMLUListElement>(null);
  const dragging = useRef<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null | undefined>(undefined);
  // The row that takes Tab focus: the selected one, else the first.
  const focusId = rows.some((r) => r.id === selectedId) ? selectedId : (rows[0]?.id ?? null);

  // Keyboard selection moves DOM focus with it (only while the tree has focus).
  useEffect(() => {
    const list = listRef.current;
    if (!list || !selectedId || !list.contains(document.activeElement) || renamingId) return;
    const row = list.querySelector<HTMLElement>(`[data-id="${CSS.escape(selectedId)}"]`);
    if (row && row !== document.activeElement) row.focus();
  }, [selectedId, renamingId, rows]);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (event.target instanceof HTMLInputElement) return; // the rename field handles its own keys
    const action = treeKeyAction(rows, focusId, event.key);
    if (action.kind === 'none') return;
    event.preventDefault();
    switch (action.kind) {
      case 'focus':
        props.onSelect(action.id);
        break;
      case 'expand':
      case 'collapse':
        props.onToggle(action.id, action.kind === 'expand');
        break;
      case 'connect':
        props.onConnect(action.id);
        break;
      case 'rename':
        props.onStartRename(action.id);
        break;
      case 'delete':
        props.onDelete(action.id);
        break;
    }
  };

  /** Where a drop on `row` puts the dragged node: into a folder, or beside a site. */
  const dropFolderOf = (row: TreeRow | null): string | null => (row === null ? null : row.kind === 'folder' ? row.id : row.parentId);
  const dragOver = (event: DragEvent, row: TreeRow | null): void => {
    event.stopPropagation();
    const id = dragging.current;
    if (!id) return;
    const target = dropFolderOf(row);
    if (!canMoveInto(tree, id, target)) {
      setDropTarget(undefined);
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setDropTarget(target);
  };
  const drop = (event: DragEvent, row: TreeRow | null): void => {
    event.preventDefault();
    event.stopPropagation();
    const id = dragging.current ?? event.dataTransfer.getData(DRAG_TYPE);
    dragging.current = null;
    setDropTarget(undefined);
    const target = dropFolderOf(row);
    if (id && canMoveInto(tree, id, target)) props.onMove(id, target);
  };

  return (
    <ul
      ref={listRef}
      role="tree"
      aria-label="Sites"
      className="site-tree"
      data-drop-top={dropTarget === null || undefined}
      onKeyDown={onKeyDown}
      onDragOver={(e) => dragOver(e, null)}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropTarget(undefined);
      }}
      onDrop={(e) => drop(e, null)}
    >
      {rows.map((row) => (
        <li
          key={row.id}
          data-id={row.id}
          role="treeitem"
          // The saved name, also while it is being edited in place (the field is labelled on its own).
          aria-label={row.name}
          aria-level={row.level}
          aria-posinset={row.position}
          aria-setsize={row.siblings}
          aria-selected={row.id === selectedId}
          aria-expanded={row.kind === 'folder' ? row.expanded : undefined}
          tabIndex={row.id === focusId ? 0 : -1}
          className="site-tree__item"
          data-drop={(row.kind === 'folder' && dropTarget === row.id) || undefined}
          draggable={renamingId !== row.id}
          onDragStart={(e) => {
            dragging.current = row.id;
            e.dataTransfer.setData(DRAG_TYPE, row.id);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onDragEnd={() => {
            dragging.current = null;
            setDropTarget(undefined);
          }}
          onDragOver={(e) => dragOver(e, row)}
          onDrop={(e) => drop(e, row)}
          onClick={() => props.onSelect(row.id)}
          onDoubleClick={() => (row.kind === 'site' ? props.onConnect(row.id) : props.onToggle(row.id, !row.expanded))}
        >
          <div className="site-tree__row" style={{ paddingInlineStart: `${(row.level - 1) * 16 + 4}px` }}>
            <span
              className="site-tree__twisty"
              aria-hidden="true"
              data-open={row.expanded || undefined}
              data-empty={(row.kind === 'folder' && !row.hasChildren) || undefined}
              onClick={(e) => {
                if (row.kind !== 'folder') return;
                e.stopPropagation();
                props.onToggle(row.id, !row.expanded);
              }}
            >
              {row.kind === 'folder' ? '▸' : ''}
            </span>
            <span className={`site-tree__icon site-tree__icon--${row.kind}`} aria-hidden="true" data-colour={siteColour(row)} />
            {renamingId === row.id ? (
              <RenameField name={row.name} onCommit={(name) => props.onRename(row.id, name)} onCancel={props.onCancelRename} />
            ) : (
              <span className="site-tree__name" title={siteTitle(row)}>
                {row.name}
              </span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

function siteColour(row: TreeRow): string | undefined {
  return row.node.kind === 'site' && row.node.colour !== 'none' ? row.node.colour : undefined;
}

function siteTitle(row: TreeRow): string | undefined {
  if (row.node.kind !== 'site') return undefined;
  const { user, host, effectivePort, protocol } = row.node;
  return `${protocol.toUpperCase()} ${user ? `${user}@` : ''}${host || '(no host)'}:${effectivePort}`;
}

/** The name in place: Enter renames, Escape cancels (without closing the manager). */
function RenameField({ name, onCommit, onCancel }: { name: string; onCommit(name: string): Promise<string | null>; onCancel(): void }) {
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const commit = (): void => {
    if (done.current) return;
    if (value === name) {
      done.current = true;
      onCancel();
      return;
    }
    done.current = true;
    void onCommit(value).then((problem) => {
      if (problem === null) return;
      done.current = false;
      setError(problem);
      ref.current?.focus();
    });
  };
  return (
    <span className="site-tree__rename">
      <input
        ref={ref}
        aria-label={`New name for ${name}`}
        value={value}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'rename-error' : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onClick={(e) => e.stopPropagation()}
        onDoubleClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            // Stops the key here: Escape must not close the whole manager.
            e.preventDefault();
            done.current = true;
            onCancel();
          }
        }}
        onBlur={commit}
      />
      {error && (
        <span id="rename-error" className="form-field__error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
