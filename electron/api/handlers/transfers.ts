/**
 * Handlers of `transfers.*` methods, and the bridge from the transfer engine's
 * events to every connected renderer.
 *
 * The renderer is untrusted: the schema has already bounded every field, and
 * here local paths must be absolute, names taken from a selection must be
 * single path components, and the kind and size of local sources are read on
 * this side instead of believed.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EnqueueRequest, transfersMethods } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import { escapeEntryName, validateEntryName } from '../../protocol/entry-name';
import type { EnqueueBatch, EnqueueEntry } from '../../transfer/engine-options';
import type { TransferEngine } from '../../transfer/engine';
import { checkLocalPath } from '../../transfer/enqueue-check';
import { remoteBaseName, remoteJoin } from '../../transfer/model';
import type { EventSink, HandlerTable } from '../types';

/** Builds the `transfers.*` handlers over one engine. */
export function transfersHandlers(engine: TransferEngine): HandlerTable<keyof typeof transfersMethods> {
  return {
    'transfers.enqueue': async (request) => engine.enqueue(await toBatch(request)),
    'transfers.page': async (query) => engine.page(query),
    'transfers.batches': async () => ({ batches: engine.batches() }),
    'transfers.control': async ({ action, target }) => {
      switch (action) {
        case 'pause':
          return { affected: engine.pause(target) };
        case 'resume':
          return { affected: engine.resume(target) };
        case 'cancel':
          return { affected: engine.cancel(target) };
        case 'retry':
          return { affected: engine.retry(target) };
      }
    },
    'transfers.prioritise': async ({ target, priority }) => ({ affected: engine.prioritise(target, priority) }),
    'transfers.clearFinished': async ({ batchId }) => ({ removed: engine.clearFinished(batchId) }),
    'transfers.conflicts': async ({ batchId }) => ({ request: engine.conflicts(batchId) }),
    'transfers.answerConflict': async (answer) => ({ resolved: engine.answerConflict(answer) }),
    'transfers.limits': async () => engine.limits(),
    'transfers.setLimits': async (change) => engine.setLimits(change),
  };
}

/** Sends the engine's events to renderers; returns a function that stops it. */
export function forwardTransferEvents(engine: TransferEngine, emit: EventSink): () => void {
  const stops = [
    engine.on('progress', (update) => emit('transfers.progress', update)),
    engine.on('items', (change) => emit('transfers.items', change)),
    engine.on('batches', (change) => emit('transfers.batches', change)),
    engine.on('conflict', (request) => emit('transfers.conflict', request)),
    // Problems of the queue itself (it could not be saved) go to the activity log.
    engine.on('error', (error) =>
      emit('app.log', { time: Date.now(), level: 'error', source: 'transfers', text: error.message }),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** The engine's batch for a request: each source goes into the target folder under its own name. */
async function toBatch(request: EnqueueRequest): Promise<EnqueueBatch> {
  const options = {
    site: request.site,
    direction: request.direction,
    ...(request.priority ? { priority: request.priority } : {}),
    ...(request.conflictPolicy ? { conflictPolicy: request.conflictPolicy } : {}),
    ...(request.skipIdentical !== undefined ? { skipIdentical: request.skipIdentical } : {}),
    ...(request.label ? { label: request.label } : {}),
    ...(request.paused ? { paused: true } : {}),
  };
  if (request.direction === 'download') {
    const folder = checkLocalPath(request.targetFolder);
    const items: EnqueueEntry[] = request.sources.map((source) => {
      const name = singleName(remoteBaseName(source.path));
      return {
        kind: source.kind,
        remotePath: source.path,
        localPath: path.join(folder, name),
        size: source.kind === 'file' ? (source.size ?? null) : null,
        mtime: source.mtime ?? null,
      };
    });
    return { ...options, items };
  }
  const items: EnqueueEntry[] = [];
  for (const source of request.sources) {
    const localPath = checkLocalPath(source);
    const name = singleName(path.basename(localPath));
    // What the source is comes from the disk, not from the renderer. A link the user picked is followed.
    const info = await stat(localPath).catch(() => {
      throw new FerryError('ENOENT', `${localPath} does not exist.`);
    });
    if (!info.isFile() && !info.isDirectory()) throw new FerryError('INVALID_INPUT', `${localPath} is not a file or folder.`);
    items.push({
      kind: info.isDirectory() ? 'dir' : 'file',
      localPath,
      remotePath: remoteJoin(request.targetFolder, name),
      size: info.isFile() ? info.size : null,
      mtime: info.mtimeMs,
      mtimePrecision: 'millisecond',
    });
  }
  return { ...options, items };
}

/** `name` if it is one safe path component; otherwise a clear refusal. */
function singleName(name: string): string {
  const check = validateEntryName(name);
  if (!check.ok) throw new FerryError('INVALID_INPUT', `"${escapeEntryName(name)}" cannot be transferred: ${check.reason}.`);
  return name;
}
