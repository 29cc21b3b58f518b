/**
 * The options of every Ferry window, in one constant so a test can hold them
 * to the security checklist (architecture.md, "Electron security", item 1).
 * Kept free of `electron` imports so it can be tested under plain Node.
 */

/** `webPreferences` of every window. */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  allowRunningInsecureContent: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const);

/** Options for the main window, given the preload script's absolute path. */
export function mainWindowOptions(preloadPath: string) {
  return {
    width: 1280,
    height: 820,
    minWidth: 860,
    minHeight: 540,
    title: 'Ferry',
    show: false,
    backgroundColor: '#1d1f23',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  };
}
