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
import { walkDropped, type DroppedRoots } from '../../lib/queue-dropped';
import { reportError } from '../../store/queue';
import { refreshRemoteWhenSettled } from './pane-transfers';

/** The drop being read, for the status bar. */
export const useDropUploads = create<{ reading: string | null }>()(() => ({ reading: null }));

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
