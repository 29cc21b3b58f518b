/**
 * Files dropped from the operating system onto the server pane. The page
 * cannot name them on disk, so their bytes are streamed to the main process
 * (`uploads.*`, see shared/contract/uploads.ts) in chunks of at most 1 MiB,
 * one at a time, each waiting for the main process's answer (backpressure:
 * memory stays at one chunk however large the file). The main process stages
 * them and queues the whole drop as one batch of uploads.
 *
 * In Electron the same path is used: a dropped File's disk path would need
 * `webUtils.getPathForFile` in the preload, which Ferry does not expose.
 */
import { create } from 'zustand';
import type { SessionInfo } from '../../../shared/contract/remote';
import { api } from '../../api';
import { base64OfDataUrl, chunkRanges } from '../../lib/queue-chunks';
import { reportError } from '../../store/queue';
import { refreshRemoteWhenSettled } from './pane-transfers';

/** One dropped file or folder, by its names from the dropped item down. */
export interface DroppedEntry {
  path: string[];
  kind: 'file' | 'dir';
  file?: File;
}

/** What was dropped, taken from the event before it ends (a DataTransfer empties itself afterwards). */
export interface DroppedRoots {
  entries: FileSystemEntry[];
  /** Files without an entry (some sources give no file-system entries). */
  files: File[];
}

/** The drop being read, for the status bar. */
export const useDropUploads = create<{ reading: string | null }>()(() => ({ reading: null }));

/** Takes the dropped items out of a drop event. Call it synchronously in the handler. */
export function takeDropped(data: DataTransfer): DroppedRoots {
  const entries: FileSystemEntry[] = [];
  const files: File[] = [];
  for (const item of [...data.items]) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) files.push(file);
    }
  }
  if (entries.length === 0 && files.length === 0) files.push(...data.files);
  return { entries, files };
}

/** How many items were dropped (top level). */
export function droppedCount(roots: DroppedRoots): number {
  return roots.entries.length + roots.files.length;
}

/** Every file and folder of the drop, folders walked to the bottom. */
export async function walkDropped(roots: DroppedRoots): Promise<DroppedEntry[]> {
  const out: DroppedEntry[] = roots.files.map((file) => ({ path: [file.name], kind: 'file', file }));
  const walk = async (entry: FileSystemEntry, path: string[]): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path, kind: 'file', file });
      return;
    }
    if (!entry.isDirectory) return;
    out.push({ path, kind: 'dir' });
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in portions (100 at a time in Chromium) until it answers with none.
    for (;;) {
      const portion = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (portion.length === 0) break;
      for (const child of portion) await walk(child, [...path, child.name]);
    }
  };
  for (const entry of roots.entries) await walk(entry, [entry.name]);
  return out;
}

/** Streams a drop to the main process and queues it as one batch of uploads into `remoteFolder`. */
export async function uploadDropped(session: SessionInfo, remoteFolder: string, roots: DroppedRoots, label: string): Promise<void> {
  useDropUploads.setState({ reading: `Reading ${label}…` });
  let uploadId: string | null = null;
  try {
    const entries = await walkDropped(roots);
    if (entries.length === 0) throw new Error('Nothing that can be uploaded was dropped.');
    uploadId = (await api().call('uploads.start', { site: session.transferKey, targetFolder: remoteFolder, label })).uploadId;
    const totalBytes = entries.reduce((sum, e) => sum + (e.file?.size ?? 0), 0);
    let sent = 0;
    for (const entry of entries) {
      if (entry.kind === 'dir' || !entry.file) {
        await api().call('uploads.add', { uploadId, kind: 'dir', path: entry.path });
        continue;
      }
      const file = entry.file;
      const { entryId } = await api().call('uploads.add', { uploadId, kind: 'file', path: entry.path, size: file.size, mtime: file.lastModified });
      for (const range of chunkRanges(file.size)) {
        const data = await readBase64(file.slice(range.start, range.end));
        await api().call('uploads.chunk', { uploadId, entryId, offset: range.start, data });
        sent += range.end - range.start;
        useDropUploads.setState({ reading: `Reading ${label}… ${totalBytes > 0 ? Math.floor((sent / totalBytes) * 100) : 100}%` });
      }
    }
    const batch = await api().call('uploads.finish', { uploadId });
    uploadId = null;
    refreshRemoteWhenSettled(batch.id, session.id, remoteFolder);
  } catch (error) {
    if (uploadId !== null) void api().call('uploads.abort', { uploadId }).catch(() => undefined);
    reportError(error);
  } finally {
    useDropUploads.setState({ reading: null });
  }
}

/** The bytes of `blob` as base64 (the browser encodes natively, off the main script). */
function readBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(base64OfDataUrl(String(reader.result)));
    reader.onerror = () => reject(reader.error ?? new Error('The dropped file could not be read.'));
    reader.readAsDataURL(blob);
  });
}
