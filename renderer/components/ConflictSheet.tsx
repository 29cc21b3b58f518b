/**
 * "12 files already exist": one sheet per batch, listing both sides of each
 * conflict (size, date, which is newer or larger), with the answers
 * (Overwrite, Overwrite if newer, … Keep both, Skip) applied to the checked
 * files, to the whole batch, or to every future conflict too. Files identical
 * on both sides never get here when the batch skips them (the default, in
 * Settings). "Decide later" puts the sheet aside; the batch's row in the
 * queue offers it again.
 */
import { useMemo, useState } from 'react';
import type { ConflictAction, ConflictAnswer, ConflictEntry, ConflictRequest } from '../../shared/contract/transfers';
import { friendlyDate, humanSize, isoDate, exactSize } from '../lib/format';
import { answerConflict, decideLater, useQueue } from '../store/queue';
import { Modal } from './Modal';
import './queue/queue.css';

/** The answers, in the order the sheet offers them. */
const ACTIONS: readonly { action: ConflictAction; label: string }[] = [
  { action: 'overwrite', label: 'Overwrite' },
  { action: 'overwriteIfNewer', label: 'Overwrite if newer' },
  { action: 'overwriteIfSizeDiffers', label: 'Overwrite if size differs' },
  { action: 'overwriteIfSizeDiffersOrNewer', label: 'Overwrite if size differs or newer' },
  { action: 'resume', label: 'Resume' },
  { action: 'keepBoth', label: 'Keep both' },
  { action: 'skip', label: 'Skip' },
];

type Scope = ConflictAnswer['applyTo'];

/** The sheet for the oldest batch with open conflicts, unless put aside. */
export function ConflictSheet() {
  const request = useQueue((s) => {
    let first: ConflictRequest | null = null;
    for (const [batchId, r] of s.conflicts) if (!s.laterConflicts.has(batchId) && (first === null || batchId < first.batchId)) first = r;
    return first;
  });
  if (!request) return null;
  return <Sheet key={request.batchId} request={request} />;
}

function Sheet({ request }: { request: ConflictRequest }) {
  const batch = useQueue((s) => s.batches.get(request.batchId));
  const [scope, setScope] = useState<Scope>('batch');
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const listed = useMemo(() => new Set(request.conflicts.map((c) => c.itemId)), [request]);
  const chosen = [...checked].filter((id) => listed.has(id));
  const download = request.direction === 'download';
  const title = request.total === 1 ? '1 file already exists' : `${request.total.toLocaleString('en-US')} files already exist`;

  const answer = async (action: ConflictAction): Promise<void> => {
    setBusy(true);
    await answerConflict({ batchId: request.batchId, action, applyTo: scope, ...(scope === 'items' ? { itemIds: chosen } : {}) });
    setBusy(false);
    // What is left is asked about as a whole again.
    setChecked(new Set());
    setScope('batch');
  };
  const toggle = (id: number): void => {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChecked(next);
    setScope('items');
  };
  const disabled = busy || (scope === 'items' && chosen.length === 0);

  return (
    <Modal
      title={title}
      onCancel={() => decideLater(request.batchId)}
      actions={
        <button type="button" onClick={() => decideLater(request.batchId)}>
          Decide later
        </button>
      }
    >
      <div className="conflict-sheet">
        <p className="conflict-sheet__summary">
          {download ? 'Downloading' : 'Uploading'} “{batch?.label ?? 'transfer'}”: these files are already {download ? 'on this computer' : 'on the server'}.{' '}
          {request.conflicts.length < request.total && `The first ${request.conflicts.length.toLocaleString('en-US')} are listed. `}
          {batch?.skipIdentical !== false && 'Files with the same size and time were skipped without asking (see Settings).'}
        </p>
        <div className="conflict-table-wrap">
          <table className="conflict-table" aria-label="Files that already exist">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Choose</span>
                </th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  {download ? 'Server' : 'This computer'} size
                </th>
                <th scope="col">{download ? 'Server' : 'This computer'} date</th>
                <th scope="col" className="num">
                  Existing size
                </th>
                <th scope="col">Existing date</th>
              </tr>
            </thead>
            <tbody>
              {request.conflicts.map((conflict) => (
                <ConflictRow key={conflict.itemId} conflict={conflict} checked={checked.has(conflict.itemId)} onToggle={() => toggle(conflict.itemId)} />
              ))}
            </tbody>
          </table>
        </div>
        <fieldset className="conflict-scope">
          <legend>Apply to</legend>
          <label className="check">
            <input type="radio" name="conflict-scope" checked={scope === 'items'} onChange={() => setScope('items')} />
            The checked files ({chosen.length})
          </label>
          <label className="check">
            <input type="radio" name="conflict-scope" checked={scope === 'batch'} onChange={() => setScope('batch')} />
            All {request.total.toLocaleString('en-US')} in this batch
          </label>
          <label className="check">
            <input type="radio" name="conflict-scope" checked={scope === 'future'} onChange={() => setScope('future')} />
            This batch and all future conflicts
          </label>
        </fieldset>
        <div className="conflict-actions" role="group" aria-label="What to do">
          {ACTIONS.map(({ action, label }, index) => (
            <button key={action} type="button" className={index === 0 ? 'primary' : undefined} disabled={disabled} onClick={() => void answer(action)}>
              {label}
            </button>
          ))}
        </div>
      </div>
    </Modal>
  );
}

/**
 * One conflict. "newer" marks the incoming file only when the engine says so
 * (it knows how precise each side's time is; a server listing may give only
 * the day); "larger" marks whichever side is larger.
 */
function ConflictRow({ conflict, checked, onToggle }: { conflict: ConflictEntry; checked: boolean; onToggle(): void }) {
  return (
    <tr className={checked ? 'is-checked' : undefined}>
      <td>
        <input type="checkbox" aria-label={`Choose ${conflict.name}`} checked={checked} onChange={onToggle} />
      </td>
      <td className="conflict-name" title={conflict.name}>
        {conflict.name}
      </td>
      <td className="num" title={conflict.source.size === null ? undefined : exactSize(conflict.source.size)}>
        {conflict.source.size === null ? '—' : humanSize(conflict.source.size)}
        {conflict.sourceLarger === true && <span className="conflict-mark conflict-mark--larger">larger</span>}
      </td>
      <td title={conflict.source.mtime === null ? undefined : isoDate(conflict.source.mtime)}>
        {conflict.source.mtime === null ? '—' : friendlyDate(conflict.source.mtime)}
        {conflict.sourceNewer === true && <span className="conflict-mark">newer</span>}
      </td>
      <td className="num" title={conflict.target.size === null ? undefined : exactSize(conflict.target.size)}>
        {conflict.target.size === null ? '—' : humanSize(conflict.target.size)}
        {conflict.target.size !== null && conflict.source.size !== null && conflict.target.size > conflict.source.size && (
          <span className="conflict-mark conflict-mark--larger">larger</span>
        )}
      </td>
      <td title={conflict.target.mtime === null ? undefined : isoDate(conflict.target.mtime)}>
        {conflict.target.mtime === null ? '—' : friendlyDate(conflict.target.mtime)}
      </td>
    </tr>
  );
}
