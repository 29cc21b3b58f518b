/**
 * Routes events from the main process into the stores, outside React. Log
 * lines are batched per animation frame so a burst of replies renders once.
 */
import type { LogLine } from '../../shared/contract/app';
import type { FerryApi } from '../../shared/rpc/api';
import { appendLog } from '../store/activity-log';
import { addPrompt, closePrompt } from '../store/prompts';
import { applySessionEvent } from '../store/sessions';

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
  ];
  // Questions asked before this window connected (or before a reload) still need an answer.
  void api.call('prompt.pending', {}).then((pending) => pending.forEach(addPrompt));
  return () => stops.forEach((stop) => stop());
}
