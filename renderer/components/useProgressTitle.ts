/**
 * Progress where users look: the window title shows the queue's overall
 * progress ("37% · Ferry") while transferring and "Ferry" when idle. When a
 * long run (see isNotableRun) finishes while the window is in the background,
 * the title flashes "✓ Done · Ferry" until the window gets focus back, the
 * browser's stand-in for the desktop notification Electron's main process shows.
 */
import { useEffect } from 'react';
import { isNotableRun, OverallProgress } from '../../shared/overall-progress';
import { useQueue } from '../store/queue';

const TITLE = 'Ferry';
const DONE_TITLE = '✓ Done · Ferry';
const FLASH_MS = 1000;

/** Keeps `document.title` in step with the queue; call once, in the App. */
export function useProgressTitle(): void {
  useEffect(() => {
    const progress = new OverallProgress();
    let focused = document.hasFocus();
    let flashing: ReturnType<typeof setInterval> | null = null;
    const stopFlashing = (): void => {
      if (flashing !== null) clearInterval(flashing);
      flashing = null;
    };
    const show = (batches: ReturnType<typeof useQueue.getState>['batches']): void => {
      const { percent, finished } = progress.replace(batches.values());
      if (percent !== null) {
        stopFlashing();
        document.title = `${percent}% · ${TITLE}`;
      } else if (finished && !focused && isNotableRun(finished)) {
        stopFlashing();
        document.title = DONE_TITLE;
        flashing = setInterval(() => {
          document.title = document.title === DONE_TITLE ? TITLE : DONE_TITLE;
        }, FLASH_MS);
      } else if (flashing === null) {
        document.title = TITLE;
      }
    };
    const onFocus = (): void => {
      focused = true;
      if (flashing !== null) {
        stopFlashing();
        document.title = TITLE;
      }
    };
    const onBlur = (): void => {
      focused = false;
    };
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    show(useQueue.getState().batches);
    const unsubscribe = useQueue.subscribe((state, previous) => {
      if (state.batches !== previous.batches) show(state.batches);
    });
    return () => {
      unsubscribe();
      stopFlashing();
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
      document.title = TITLE;
    };
  }, []);
}
