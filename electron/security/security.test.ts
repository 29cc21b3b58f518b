import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mainWindowOptions, SECURE_WEB_PREFERENCES } from '../window/options';
import { APP_ENTRY_URL, isAppUrl, resolveAppFile } from './app-protocol';
import { isSafeExternalUrl, openExternalSafely } from './external-links';
import { hardenContents, hardenSession, type HardenableContents } from './harden';
import { hasRealKeyring } from './secrets-backend';

describe('window options (checklist item 1)', () => {
  it('isolate, sandbox and deny Node in every window', () => {
    const { webPreferences } = mainWindowOptions('/app/preload.cjs');
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      experimentalFeatures: false,
      allowRunningInsecureContent: false,
      preload: '/app/preload.cjs',
    });
    // webSecurity is left at its secure default: never set at all.
    expect(webPreferences).not.toHaveProperty('webSecurity');
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });
});

describe('app:// protocol (checklist item 3)', () => {
  const root = path.resolve('/opt/ferry/renderer');
  it('maps app://ferry/ URLs to files of the build', () => {
    expect(resolveAppFile(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://ferry/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });
  it('refuses anything that climbs out or is another host or scheme', () => {
    // The URL parser already folds dot segments away, so this one stays inside the build folder.
    expect(resolveAppFile(root, 'app://ferry/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, 'app://ferry/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(root, 'app://ferry/%E0%A4%A')).toBeNull();
  });
  it('recognises only its own origin as the app (checklist item 6)', () => {
    expect(isAppUrl('app://ferry/index.html')).toBe(true);
    expect(isAppUrl('https://ferry/index.html')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('external links (checklist item 5)', () => {
  it.each(['https://example.com', 'mailto:help@example.com'])('allows %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));
  it.each(['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:x', 'not a url'])(
    'refuses %s',
    (url) => expect(isSafeExternalUrl(url)).toBe(false),
  );
  it('only calls the opener for allowed URLs', async () => {
    const open = vi.fn(async () => {});
    expect(await openExternalSafely('file:///etc/passwd', open)).toBe(false);
    expect(await openExternalSafely('https://example.com', open)).toBe(true);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('hardening (checklist item 4)', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void; url: string }) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents = {
      on: (event: string, listener: (event: { preventDefault(): void; url: string }) => void) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    } as unknown as HardenableContents;
    const fire = (event: string, url = ''): boolean => {
      let prevented = false;
      listeners.get(event)!({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }

  it('blocks navigation away from the app and every webview', () => {
    const fake = fakeContents();
    hardenContents(fake.contents, () => {});
    expect(fake.fire('will-navigate', 'https://evil.example')).toBe(true);
    expect(fake.fire('will-navigate', 'app://ferry/index.html')).toBe(false);
    expect(fake.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window, handing only safe links to the browser', () => {
    const fake = fakeContents();
    const opened: string[] = [];
    hardenContents(fake.contents, (url) => opened.push(url));
    expect(fake.open('https://example.com/docs')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/docs']);
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    hardenSession({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) request!(null, permission, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    expect(check!()).toBe(false);
  });
});

describe('secret storage backend (checklist item 8)', () => {
  it('treats Linux basic_text as no keyring', () => {
    expect(hasRealKeyring({ isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text' }, 'linux')).toBe(false);
    expect(hasRealKeyring({ isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'gnome_libsecret' }, 'linux')).toBe(true);
    expect(hasRealKeyring({ isEncryptionAvailable: () => false }, 'darwin')).toBe(false);
    expect(hasRealKeyring({ isEncryptionAvailable: () => true }, 'win32')).toBe(true);
  });
});
