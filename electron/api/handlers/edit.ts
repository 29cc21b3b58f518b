/** Handlers of `edit.*` methods: remote files edited with a local app. */
import type { editMethods } from '../../../shared/contract/edit';
import type { EditService } from '../../edit/edit-service';
import type { HandlerTable } from '../types';

/** Builds the `edit.*` handlers. */
export function editHandlers(edits: EditService): HandlerTable<keyof typeof editMethods> {
  return {
    'edit.open': async ({ sessionId, path }) => edits.open(sessionId, path),
    'edit.list': async () => edits.list(),
    'edit.upload': async ({ id }) => edits.upload(id),
    'edit.close': async ({ id }) => {
      await edits.close(id);
      return {};
    },
  };
}
