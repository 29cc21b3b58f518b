/**
 * The site manager: the tree of folders and sites on the left with its
 * actions, the selected site's details on the right, Connect / Save / Revert
 * at the bottom. Unsaved changes are kept from being lost silently: leaving
 * the site (or closing) asks first.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { closeSiteManager, connectToSite, refreshTree, requestUnlock, useSites } from '../../store/sites';
import { Modal } from '../Modal';
import type { ImportReport } from '../../../shared/contract/sites';
import { errorCode, errorMessage } from './api-errors';
import { ConfirmDialog } from './ConfirmDialog';
import { ExportDialog } from './ExportDialog';
import { ImportButton, ImportErrorDialog, ImportReportDialog } from './ImportSites';
import { MoveDialog } from './MoveDialog';
import { SiteActions } from './SiteActions';
import { SiteDetails } from './SiteDetails';
import { SiteTreeView } from './SiteTreeView';
import { StorageProblems } from './StorageProblems';
import { countSites, freeChildName, locate } from './tree-model';
import { UnsavedChangesDialog } from './UnsavedChangesDialog';
import { useSiteEditor } from './useSiteEditor';

/** A dialog the manager shows over itself. */
type ManagerDialog =
  | { kind: 'delete'; id: string; name: string; sites: number; isFolder: boolean }
  | { kind: 'move'; id: string; name: string }
  | { kind: 'export' }
  | { kind: 'import-report'; fileName: string; report: ImportReport }
  | { kind: 'import-error'; message: string }
  | { kind: 'unsaved'; then(): void };

/** Remembered between openings, so the manager comes back where it was. */
let lastSelection: string | null = null;
let lastExpanded: ReadonlySet<string> = new Set();

/** See the module comment. Rendered while the manager is open. */
export function SiteManager() {
  const tree = useSites((s) => s.tree);
  const treeError = useSites((s) => s.treeError);
  const secrets = useSites((s) => s.secrets);
  const [selectedId, setSelectedId] = useState<string | null>(lastSelection);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(lastExpanded);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<ManagerDialog | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const location = useMemo(() => (tree && selectedId ? locate(tree, selectedId) : null), [tree, selectedId]);
  const selected = location?.node ?? null;
  const editor = useSiteEditor(selected?.kind === 'site' ? selected.id : null, tree);

  useEffect(() => {
    lastSelection = selectedId;
    lastExpanded = expanded;
  }, [selectedId, expanded]);

  // A selected node that disappeared (deleted here or elsewhere) is no longer selected.
  useEffect(() => {
    if (tree && selectedId && !locate(tree, selectedId)) setSelectedId(null);
  }, [tree, selectedId]);

  /** Runs `then` now, or after the user decided what to do with unsaved changes. */
  const guard = (then: () => void): void => {
    if (editor.dirty) setDialog({ kind: 'unsaved', then });
    else then();
  };
  const select = (id: string): void => {
    if (id !== selectedId) guard(() => setSelectedId(id));
  };
  const toggle = (id: string, open: boolean): void => {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  /** Shows `id`: opens the folders above it and selects it. */
  const reveal = (id: string, ancestors: readonly string[]): void => {
    setExpanded((previous) => new Set([...previous, ...ancestors]));
    setSelectedId(id);
  };
  const attempt = async (what: () => Promise<void>): Promise<void> => {
    setActionError(null);
    try {
      await what();
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  /** Where "New site" / "New folder" create: the selected folder, or the selected site's folder. */
  const targetFolder = selected?.kind === 'folder' ? selected.id : (location?.parentId ?? null);
  const targetAncestors = selected?.kind === 'folder' ? [...(location?.ancestors ?? []), selected.id] : (location?.ancestors ?? []);

  const create = (kind: 'site' | 'folder'): void =>
    guard(() =>
      void attempt(async () => {
        if (!tree) return;
        const name = freeChildName(tree, targetFolder, kind === 'site' ? 'New site' : 'New folder');
        const id =
          kind === 'site'
            ? (await api().call('sites.create', { parentId: targetFolder, name, fields: {} })).site.id
            : (await api().call('sites.createFolder', { parentId: targetFolder, name })).id;
        await refreshTree();
        reveal(id, targetAncestors);
        setRenamingId(id); // As in FileZilla: name it right away.
      }),
    );

  const duplicate = (): void =>
    guard(() =>
      void attempt(async () => {
        if (!selected) return;
        const run = async (): Promise<void> => {
          const copy = await api().call('sites.duplicate', { id: selected.id });
          await refreshTree();
          reveal(copy.id, location?.ancestors ?? []);
        };
        try {
          await run();
        } catch (error) {
          // Copying a saved password needs it decrypted: unlock, then copy again.
          if (errorCode(error) === 'LOCKED') {
            requestUnlock({
              reason: `Copying the saved password of “${selected.name}” needs your master password.`,
              retry: () => run().catch((e: unknown) => setActionError(errorMessage(e))),
            });
          } else throw error;
        }
      }),
    );

  const rename = async (id: string, name: string): Promise<string | null> => {
    try {
      await api().call('sites.rename', { id, name });
      await refreshTree();
      // Only this rename ends: the user may have started renaming another item meanwhile.
      setRenamingId((current) => (current === id ? null : current));
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  };

  const move = async (id: string, parentId: string | null): Promise<void> => {
    setDialogError(null);
    try {
      await api().call('sites.move', { id, parentId });
      const updated = await api().call('sites.tree', {});
      useSites.setState({ tree: updated });
      reveal(id, locate(updated, id)?.ancestors ?? []);
      setDialog(null);
    } catch (error) {
      if (dialog?.kind === 'move') setDialogError(errorMessage(error));
      else setActionError(errorMessage(error));
    }
  };

  const askDelete = (id: string): void => {
    const node = tree ? locate(tree, id)?.node : null;
    if (!node) return;
    setDialogError(null);
    setDialog({ kind: 'delete', id, name: node.name, sites: countSites(node), isFolder: node.kind === 'folder' });
  };
  const remove = async (id: string): Promise<void> => {
    try {
      await api().call('sites.remove', { id });
      await refreshTree();
      if (selectedId === id) setSelectedId(location?.parentId ?? null);
      setDialog(null);
    } catch (error) {
      setDialogError(errorMessage(error));
    }
  };

  const connect = (id: string): void => {
    const node = tree ? locate(tree, id)?.node : null;
    if (node?.kind !== 'site') return;
    if (id === selectedId && editor.dirty) {
      // Connect uses what is saved: save first, and stay here when that fails.
      void editor.save().then((saved) => saved && void connectToSite(id, node.name));
      return;
    }
    guard(() => void connectToSite(id, node.name));
  };

  const close = (): void => guard(closeSiteManager);

  return (
    <>
      <Modal
        title="Site manager"
        onCancel={close}
        actions={
          <>
            <button type="button" onClick={close}>
              Close
            </button>
            <span className="modal__spacer" />
            <button type="button" disabled={!editor.dirty || editor.saving} onClick={editor.revert}>
              Revert
            </button>
            <button type="button" disabled={!editor.dirty || editor.saving} onClick={() => void editor.save()}>
              {editor.saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="primary" disabled={selected?.kind !== 'site'} onClick={() => selected && connect(selected.id)}>
              Connect
            </button>
          </>
        }
      >
        <div
          className="site-manager"
          onKeyDown={(e) => {
            // Ctrl+S saves the site being edited (and never opens the browser's "Save page").
            if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
              e.preventDefault();
              e.stopPropagation();
              if (editor.dirty) void editor.save();
            }
          }}
        >
          <StorageProblems />
          {secrets?.locked && (
            <p className="notice notice--warning site-manager__notice">
              Saved passwords are locked.{' '}
              <button type="button" className="link-button" onClick={() => requestUnlock({ reason: 'Saved passwords are locked.' })}>
                Unlock…
              </button>
            </p>
          )}
          {actionError && (
            <p className="notice notice--danger site-manager__notice" role="alert">
              {actionError}
            </p>
          )}
          <div className="site-manager__main">
            <div className="site-manager__side">
              <SiteActions
                selected={selected}
                onNewSite={() => create('site')}
                onNewFolder={() => create('folder')}
                onDuplicate={duplicate}
                onRename={() => selected && setRenamingId(selected.id)}
                onMove={() => selected && setDialog({ kind: 'move', id: selected.id, name: selected.name })}
                onDelete={() => selected && askDelete(selected.id)}
              />
              {treeError ? (
                <p className="notice notice--danger" role="alert">
                  {treeError}
                </p>
              ) : !tree ? (
                <p className="muted site-tree-empty">Loading…</p>
              ) : tree.children.length === 0 ? (
                <p className="muted site-tree-empty">No sites yet.</p>
              ) : (
                <SiteTreeView
                  tree={tree}
                  expanded={expanded}
                  selectedId={selectedId}
                  renamingId={renamingId}
                  onToggle={toggle}
                  onSelect={select}
                  onConnect={connect}
                  onStartRename={setRenamingId}
                  onRename={rename}
                  onCancelRename={() => setRenamingId(null)}
                  onDelete={askDelete}
                  onMove={(id, parentId) => void move(id, parentId)}
                />
              )}
              <div className="site-manager__exchange">
                <ImportButton
                  onImported={(fileName, report) => {
                    void refreshTree();
                    setDialog({ kind: 'import-report', fileName, report });
                  }}
                  onError={(message) => setDialog({ kind: 'import-error', message })}
                />
                <button type="button" className="small-button" onClick={() => setDialog({ kind: 'export' })}>
                  Export…
                </button>
              </div>
            </div>
            <SiteDetails selected={selected} editor={editor} secrets={secrets} />
          </div>
        </div>
      </Modal>

      {/* Dialogs over the manager are its siblings, so Escape in them does not also close the manager. */}
      {dialog?.kind === 'unsaved' && (
        <UnsavedChangesDialog
          siteName={editor.site?.name ?? 'This site'}
          onCancel={() => setDialog(null)}
          onDiscard={() => {
            const { then } = dialog;
            editor.revert();
            setDialog(null);
            then();
          }}
          onSave={() => {
            const { then } = dialog;
            setDialog(null);
            void editor.save().then((saved) => saved && then());
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={dialog.isFolder ? `Delete the folder “${dialog.name}”?` : `Delete “${dialog.name}”?`}
          confirmLabel="Delete"
          error={dialogError}
          onCancel={() => setDialog(null)}
          onConfirm={() => void remove(dialog.id)}
        >
          <p>
            {dialog.isFolder
              ? dialog.sites === 0
                ? 'The folder is empty.'
                : `The ${dialog.sites === 1 ? 'site' : `${dialog.sites} sites`} in it ${dialog.sites === 1 ? 'is' : 'are'} deleted too, with their saved passwords.`
              : 'The site and its saved password are deleted.'}{' '}
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'move' && tree && (
        <MoveDialog
          tree={tree}
          id={dialog.id}
          name={dialog.name}
          error={dialogError}
          onCancel={() => setDialog(null)}
          onMove={(parentId) => void move(dialog.id, parentId)}
        />
      )}
      {dialog?.kind === 'import-report' && (
        <ImportReportDialog fileName={dialog.fileName} report={dialog.report} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'import-error' && <ImportErrorDialog message={dialog.message} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'export' && (
        <ExportDialog selection={selected ? { id: selected.id, name: selected.name } : null} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
