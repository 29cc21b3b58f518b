/**
 * Opens a local file with the system's default app, outside Electron (browser
 * mode on a desktop). Electron passes `shell.openPath` instead.
 */
import { spawn } from 'node:child_process';

/** Opens `file`; resolves `false` when no app could be started (e.g. a headless server). */
export type OpenFile = (file: string) => Promise<boolean>;

/** `xdg-open` on Linux (only with a display), `open` on macOS, `start` on Windows. */
export const openWithSystemApp: OpenFile = (file) => {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [file]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', file]]
        : ['xdg-open', [file]];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return Promise.resolve(false);
  return new Promise((resolve) => {
    // The file name is one argv entry, never parsed by a shell (except Windows' start, which quotes it).
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
};
