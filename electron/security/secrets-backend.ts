/**
 * Checklist item 8: `safeStorage` counts as a real keyring only when its
 * backend is one. On Linux, `basic_text` means a fixed, well-known key.
 */

/** The part of Electron's `safeStorage` this check reads. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
}

/** True when secrets encrypted with `safeStorage` are really protected by the OS. */
export function hasRealKeyring(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}
