/** "Move to…": the keyboard way to move a site or folder (dragging in the tree does the same). */
import { useState } from 'react';
import type { SiteTree } from '../../../shared/contract/sites';
import { Modal } from '../Modal';
import { autofocus } from '../autofocus';
import { moveTargets } from './tree-model';

/** Props of {@link MoveDialog}. */
export interface MoveDialogProps {
  tree: SiteTree;
  id: string;
  name: string;
  error: string | null;
  onMove(parentId: string | null): void;
  onCancel(): void;
}

/** See the module comment. */
export function MoveDialog({ tree, id, name, error, onMove, onCancel }: MoveDialogProps) {
  const targets = moveTargets(tree, id);
  const [choice, setChoice] = useState(targets[0] ? String(targets[0].id) : '');
  const move = (): void => onMove(choice === 'null' ? null : choice);
  return (
    <Modal
      title={`Move “${name}”`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={targets.length === 0} onClick={move}>
            Move
          </button>
        </>
      }
    >
      {targets.length === 0 ? (
        <p>There is no other folder to move it into. Create a folder first.</p>
      ) : (
        <label className="field">
          <span>Move to</span>
          <select ref={autofocus} value={choice} onChange={(e) => setChoice(e.target.value)}>
            {targets.map((target) => (
              <option key={String(target.id)} value={String(target.id)}>
                {target.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
