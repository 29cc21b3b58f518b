/**
 * The activity log: every command, reply and status line the engines report,
 * newest last, capped so a long session does not grow without bound.
 */
import { create } from 'zustand';
import type { LogLine } from '../../shared/contract/app';
import { setBottomTab } from './layout';

/** Lines kept; older ones are dropped first. */
export const LOG_LIMIT = 5000;

/** The log's lines and the text the log view is searching for. */
export const useActivityLog = create<{ lines: LogLine[]; search: string }>()(() => ({ lines: [], search: '' }));

/** Sets the log view's search text. */
export function setLogSearch(search: string): void {
  useActivityLog.setState({ search });
}

/** Opens the Activity log tab searching for `search` (an error's "Details" button). */
export function showInLog(search: string): void {
  setLogSearch(search);
  setBottomTab('log');
}

/** Appends lines (batched by the caller when many arrive at once). */
export function appendLog(lines: readonly LogLine[]): void {
  useActivityLog.setState((state) => {
    const next = state.lines.concat(lines);
    return { lines: next.length > LOG_LIMIT ? next.slice(next.length - LOG_LIMIT) : next };
  });
}

/** Empties the log. */
export function clearLog(): void {
  useActivityLog.setState({ lines: [] });
}
