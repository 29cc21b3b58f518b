/**
 * Routes events from the main process into the stores, outside React. Log
 * lines are batched per animation frame so a burst of replies renders once.
 */
import type { LogLine } from '../../shared/contract/app';
import type { FerryApi } from '../../shared/rpc/api';
import { appendLog } from '../store/activity-log';
import { applyEditEvent, loadEditing } from '../store/editing';
import { addPrompt, closePrompt } from '../store/prompts';
import { applyBatches, applyConflict, applyItems, applyProgress, loadQueue, reportError } from '../store/queue';
import { applySessionEvent } from '../store/sessions';
import { applySettings, loadSettings } from '../store/settings';
import { applySecretsStatus, loadSites, refreshTree } from '../store/sites';

/** Subscribes the stores to every event they follow; returns a function that stops. */
export function subscribeStores(api: FerryApi): () => void {
  let pendingLines: LogLine[] = [];
  let frame: number | null = null;
  const flush = (): void => {
    frame = null;
    appendLog(pendingLines);
    pendingLines = [];
  };
  const stops = [
    api.on('app.log', (line) => {
      pendingLines.push(line);
      frame ??= requestAnimationFrame(flush);
    }),
    api.on('prompt.request', addPrompt),
    api.on('prompt.closed', ({ id }) => closePrompt(id)),
    api.on('remote.session', applySessionEvent),
    api.on('sites.changed', () => void refreshTree()),
    api.on('secrets.changed', applySecretsStatus),
    api.on('settings.changed', applySettings),
    api.on('transfers.progress', applyProgress),
    api.on('transfers.items', applyItems),
    api.on('transfers.batches', applyBatches),
    api.on('transfers.conflict', applyConflict),
    api.on('edit.changed', ({ file, closed }) => applyEditEvent(file, closed)),
  ];
  // Questions asked before this window connected (or before a reload) still need an answer.
  void api.call('prompt.pending', {}).then((pending) => pending.forEach(addPrompt));
  // Saved sites, the password lock and the theme are needed from the first frame.
  void loadSites();
  void loadSettings();
  // The queue outlives the window: a reload shows it as it is, with open conflict questions.
  void loadQueue().catch(reportError);
  void loadEditing().catch(() => {});
  return () => stops.forEach((stop) => stop());
}
