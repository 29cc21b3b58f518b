/**
 * What can be done to the row under the cursor (a batch or an item), shared by
 * the toolbar, the context menu and the keyboard: pause, resume, cancel,
 * retry, priority up and down.
 */
import type { BatchInfo, TransferItem, TransferTarget } from '../../../shared/contract/transfers';
import type { MenuSpecEntry } from '../../lib/menu';
import { batchRow, stepPriority } from '../../lib/queue-model';
import { clearFinished, control, prioritise } from '../../store/queue';

/** The row a command applies to. */
export type QueueSubject = { kind: 'batch'; batch: BatchInfo } | { kind: 'item'; item: TransferItem };

/** A command on a subject. */
export type QueueCommand = 'pause' | 'resume' | 'cancel' | 'retry' | 'raise' | 'lower';

/** The engine's target for a subject. */
export function targetOf(subject: QueueSubject): TransferTarget {
  return subject.kind === 'batch' ? { kind: 'batch', id: subject.batch.id } : { kind: 'item', id: subject.item.id };
}

/** Whether `command` can do anything to `subject` now. */
export function canRun(subject: QueueSubject | null, command: QueueCommand): boolean {
  if (!subject) return false;
  if (subject.kind === 'batch') {
    const row = batchRow(subject.batch);
    const unfinished = subject.batch.counts.queued + subject.batch.counts.active + subject.batch.counts.paused > 0;
    switch (command) {
      case 'pause':
        return row.canPause;
      case 'resume':
        return row.canResume;
      case 'cancel':
        return row.canCancel;
      case 'retry':
        return row.canRetry;
      case 'raise':
        return unfinished && stepPriority(subject.batch.priority, 1) !== null;
      case 'lower':
        return unfinished && stepPriority(subject.batch.priority, -1) !== null;
    }
  }
  const state = subject.item.state;
  const unfinished = state === 'queued' || state === 'active' || state === 'paused';
  switch (command) {
    case 'pause':
      return state === 'queued' || state === 'active';
    case 'resume':
      return state === 'paused';
    case 'cancel':
      return unfinished || state === 'failed';
    case 'retry':
      return state === 'failed' || state === 'cancelled';
    case 'raise':
      return unfinished && stepPriority(subject.item.priority, 1) !== null;
    case 'lower':
      return unfinished && stepPriority(subject.item.priority, -1) !== null;
  }
}

/** Runs `command` on `subject` (when it can do anything). */
export function run(subject: QueueSubject | null, command: QueueCommand): void {
  if (!subject || !canRun(subject, command)) return;
  const target = targetOf(subject);
  if (command === 'raise' || command === 'lower') {
    const current = subject.kind === 'batch' ? subject.batch.priority : subject.item.priority;
    const next = stepPriority(current, command === 'raise' ? 1 : -1);
    if (next) prioritise(target, next);
    return;
  }
  control(command, target);
}

/** Keys of the queue list and the command each runs. */
export const COMMAND_KEYS: Record<string, QueueCommand> = {
  p: 'pause',
  r: 'retry',
  Delete: 'cancel',
  '+': 'raise',
  '=': 'raise',
  '-': 'lower',
};

/** The queue's context menu. */
export const QUEUE_MENU: readonly MenuSpecEntry<QueueSubject | null>[] = [
  { id: 'pause', label: 'Pause', shortcut: 'P', visible: (s) => canRun(s, 'pause'), run: (s) => run(s, 'pause') },
  { id: 'resume', label: 'Resume', shortcut: 'Space', visible: (s) => canRun(s, 'resume'), run: (s) => run(s, 'resume') },
  { id: 'retry', label: 'Retry', shortcut: 'R', visible: (s) => canRun(s, 'retry'), run: (s) => run(s, 'retry') },
  { id: 'cancel', label: 'Cancel', shortcut: 'Delete', visible: (s) => canRun(s, 'cancel'), run: (s) => run(s, 'cancel') },
  'separator',
  { id: 'raise', label: 'Raise priority', shortcut: '+', enabled: (s) => canRun(s, 'raise'), visible: (s) => s !== null, run: (s) => run(s, 'raise') },
  { id: 'lower', label: 'Lower priority', shortcut: '-', enabled: (s) => canRun(s, 'lower'), visible: (s) => s !== null, run: (s) => run(s, 'lower') },
  'separator',
  {
    id: 'clear-batch',
    label: 'Clear finished of this batch',
    visible: (s) => s?.kind === 'batch' && s.batch.counts.done + s.batch.counts.skipped + s.batch.counts.cancelled > 0,
    run: (s) => s?.kind === 'batch' && clearFinished(s.batch.id),
  },
  { id: 'pause-all', label: 'Pause all', run: () => control('pause', { kind: 'all' }) },
  { id: 'resume-all', label: 'Resume all', run: () => control('resume', { kind: 'all' }) },
  { id: 'clear-all', label: 'Clear all finished', run: () => clearFinished() },
];
