/**
 * Electron's main process: the window, the `app://` protocol, and the API bound
 * to `ipcMain`. Everything else lives in services that also run under plain
 * Node; keep this file thin.
 */
import { app, BrowserWindow, ipcMain, net, Notification, protocol, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_NAMES, METHOD_NAMES } from '../shared/contract';
import type { BatchInfo } from '../shared/contract/transfers';
import { isNotableRun, OverallProgress } from '../shared/overall-progress';
import { createFerryCore, type FerryCore } from './app/core';
import { APP_ENTRY_URL, APP_SCHEME, resolveAppFile } from './security/app-protocol';
import { guardedCall } from './security/ipc-guard';
import { openExternalSafely } from './security/external-links';
import { hardenContents, hardenSession } from './security/harden';
import { mainWindowOptions } from './window/options';

const rendererDir = path.join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Serves only files of the built renderer under app://ferry/ (checklist item 3). */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

/** One `ipcMain.handle` per contract method; the sender frame must be our own page (item 6). */
function bindApi(core: FerryCore): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, (event, input: unknown) => guardedCall(core.router, method, input, event.senderFrame?.url));
  }
}

/** Taskbar progress, and a notification when a long run of transfers finishes while the window is in the background. */
function followTransfers(window: BrowserWindow, progress: OverallProgress, name: string, payload: unknown): void {
  if (window.isDestroyed() || (name !== 'transfers.progress' && name !== 'transfers.batches')) return;
  const { batches, removed } = payload as { batches: BatchInfo[]; removed?: number[] };
  const { percent, finished } = progress.apply(batches, removed);
  window.setProgressBar(percent === null ? -1 : percent / 100);
  if (finished && isNotableRun(finished) && !window.isFocused() && Notification.isSupported()) {
    const failed = finished.failed > 0 ? `, ${finished.failed.toLocaleString('en-US')} failed` : '';
    new Notification({ title: 'Ferry: transfers finished', body: `${finished.files.toLocaleString('en-US')} files transferred${failed}.` }).show();
  }
}

function createWindow(core: FerryCore): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
  const progress = new OverallProgress();
  const unsubscribe = core.events.subscribe((name, payload) => {
    if ((EVENT_NAMES as string[]).includes(name) && !window.isDestroyed()) window.webContents.send(name, payload);
    followTransfers(window, progress, name, payload);
  });
  window.on('closed', unsubscribe);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

// Every web contents, not only the main window's, gets the same hardening (checklist item 4).
app.on('web-contents-created', (_event, contents) => {
  hardenContents(contents, (url) => void openExternalSafely(url, shell.openExternal));
});

app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  registerAppProtocol();
  // safeStorage is used only when it is a real OS keyring (checklist item 8; see sites/secrets/keyring.ts).
  const core = await createFerryCore({
    dataDir: app.getPath('userData'),
    keyring: safeStorage,
    exportDir: app.getPath('downloads'),
    // shell.openPath resolves to an error text, empty on success.
    openFile: async (file) => (await shell.openPath(file)) === '',
  });
  bindApi(core);
  createWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(core);
  });
  app.on('before-quit', () => void core.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
