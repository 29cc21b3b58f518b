/**
 * Hardening of every web contents and session (checklist items 4 and 5).
 * Written against the small part of Electron's API it uses, so it can be
 * tested with plain objects; main.ts passes the real ones.
 */
import { isAppUrl } from './app-protocol';
import { isSafeExternalUrl } from './external-links';

/** The part of `WebContents` hardening touches. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The part of `Session` hardening touches. */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** Item 4: no navigation away from the app, no new windows, no webviews; links go to the browser if safe. */
export function hardenContents(contents: HardenableContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** Item 4: every permission (camera, notifications, …) is denied unless listed here — and none is. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
