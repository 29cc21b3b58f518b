/** Whichever dialog a pane has open: create folder, delete, or permissions. */
import type { PaneController } from './usePaneController';
import { CreateFolderDialog } from './CreateFolderDialog';
import { DeleteDialog } from './DeleteDialog';
import { PermissionsDialog } from './PermissionsDialog';

/** Props of {@link PaneDialogs}. */
export interface PaneDialogsProps {
  controller: PaneController;
  /** The folder shown, for "In /var/www". */
  folder: string | null;
  /** "this computer" or the server, for the delete warning. */
  where: string;
}

/** The open dialog, if any. */
export function PaneDialogs({ controller, folder, where }: PaneDialogsProps) {
  const { dialog } = controller;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create-folder':
      return (
        <CreateFolderDialog
          folder={folder ?? ''}
          enter={dialog.enter}
          onSubmit={(name) => controller.createFolder(name, dialog.enter)}
          onCancel={controller.closeDialog}
        />
      );
    case 'delete':
      return (
        <DeleteDialog
          entries={dialog.entries}
          where={where}
          onConfirm={() => void controller.confirmDelete(dialog.entries)}
          onCancel={controller.closeDialog}
        />
      );
    case 'permissions':
      return (
        <PermissionsDialog
          entries={dialog.entries}
          onSubmit={(mode, recurse) => controller.changePermissions(dialog.entries, mode, recurse)}
          onCancel={controller.closeDialog}
        />
      );
  }
}
