/**
 * Remote files open for editing in a local app, kept up to date by
 * `edit.changed` events. A saved change waits here until the user uploads it.
 */
import { create } from 'zustand';
import type { EditedFile } from '../../shared/contract/edit';
import { api } from '../api';
import { errorMessage } from '../lib/errors';

/** Files being edited, and the last error of an edit action. */
export const useEditing = create<{ files: EditedFile[]; error: string | null }>()(() => ({ files: [], error: null }));

/** Applies an `edit.changed` event. */
export function applyEditEvent(file: EditedFile, closed: boolean): void {
  useEditing.setState((state) => {
    const others = state.files.filter((f) => f.id !== file.id);
    return { files: closed ? others : [...others, file].sort((a, b) => a.name.localeCompare(b.name)) };
  });
}

/** Loads the list once (a reloaded window still shows what is being edited). */
export async function loadEditing(): Promise<void> {
  useEditing.setState({ files: await api().call('edit.list', {}) });
}

/** Downloads a remote file and opens it with the system's app. */
export async function editRemoteFile(sessionId: string, path: string): Promise<void> {
  await run(() => api().call('edit.open', { sessionId, path }));
}

/** Uploads the saved local copy over the remote file. */
export async function uploadEdited(id: string): Promise<void> {
  await run(() => api().call('edit.upload', { id }));
}

/** Stops editing and deletes the local copy. */
export async function stopEditing(id: string): Promise<void> {
  await run(() => api().call('edit.close', { id }));
}

async function run(action: () => Promise<unknown>): Promise<void> {
  useEditing.setState({ error: null });
  try {
    await action();
  } catch (error) {
    useEditing.setState({ error: errorMessage(error) });
  }
}
