/**
 * The only way Ferry opens something outside itself (checklist item 5):
 * `https:` and `mailto:` URLs, nothing else (no `file:`, no custom schemes
 * that could launch programs).
 */

/** Schemes that may be handed to the operating system. */
const ALLOWED_SCHEMES = new Set(['https:', 'mailto:']);

/** True when `url` may be opened with the system browser or mail client. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return ALLOWED_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Opens `url` with `open` (Electron's `shell.openExternal`) only when it is allowed. */
export async function openExternalSafely(url: string, open: (url: string) => Promise<void>): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await open(url);
  return true;
}
