/** Where Ferry keeps its files when it runs under plain Node (browser mode, CLI). */
import os from 'node:os';
import path from 'node:path';

/**
 * `FERRY_HOME` when set, else the platform's config folder:
 * `%APPDATA%\Ferry`, `~/Library/Application Support/Ferry`, `$XDG_CONFIG_HOME/Ferry` or `~/.config/Ferry`.
 * Electron uses its own `userData`, which is the same folder by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FERRY_HOME) return path.resolve(env.FERRY_HOME);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Ferry');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Ferry');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Ferry');
  }
}
