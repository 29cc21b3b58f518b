/** The buttons above the site tree: New site, New folder, Duplicate, Rename, Move to…, Delete. */
import type { SiteTreeNode } from '../../../shared/contract/sites';

/** Props of {@link SiteActions}. */
export interface SiteActionsProps {
  selected: SiteTreeNode | null;
  onNewSite(): void;
  onNewFolder(): void;
  onDuplicate(): void;
  onRename(): void;
  onMove(): void;
  onDelete(): void;
}

/** See the module comment. Buttons that need a selection are disabled without one. */
export function SiteActions({ selected, onNewSite, onNewFolder, onDuplicate, onRename, onMove, onDelete }: SiteActionsProps) {
  const none = selected === null;
  return (
    <div className="site-actions" role="group" aria-label="Site actions">
      <button type="button" onClick={onNewSite}>
        New site
      </button>
      <button type="button" onClick={onNewFolder}>
        New folder
      </button>
      <button type="button" disabled={none} onClick={onDuplicate}>
        Duplicate
      </button>
      <button type="button" disabled={none} onClick={onRename} title="F2">
        Rename
      </button>
      <button type="button" disabled={none} onClick={onMove}>
        Move to…
      </button>
      <button type="button" disabled={none} onClick={onDelete} title="Delete">
        Delete
      </button>
    </div>
  );
}
