/**
 * Handlers of `uploads.*`: files dropped from the operating system, their
 * bytes streamed by the renderer into the main process and queued as uploads
 * (see shared/contract/uploads.ts and electron/uploads/).
 */
import type { uploadsMethods } from '../../../shared/contract/uploads';
import type { UploadStaging } from '../../uploads/upload-staging';
import type { HandlerTable } from '../types';

/** Builds the `uploads.*` handlers over the staging service. */
export function uploadsHandlers(staging: UploadStaging): HandlerTable<keyof typeof uploadsMethods> {
  return {
    'uploads.start': async (request) => ({
      uploadId: await staging.start({
        site: request.site,
        targetFolder: request.targetFolder,
        ...(request.label ? { label: request.label } : {}),
      }),
    }),
    'uploads.add': async (request) => ({
      entryId: await staging.add(
        request.uploadId,
        request.kind === 'file'
          ? { kind: 'file', path: request.path, size: request.size, ...(request.mtime === undefined ? {} : { mtime: request.mtime }) }
          : { kind: 'dir', path: request.path },
      ),
    }),
    // The schema has checked the text is base64 of at most 1 MiB.
    'uploads.chunk': async ({ uploadId, entryId, offset, data }) => ({
      received: await staging.chunk(uploadId, entryId, offset, Buffer.from(data, 'base64')),
    }),
    'uploads.finish': async ({ uploadId }) => staging.finish(uploadId),
    'uploads.abort': async ({ uploadId }) => {
      await staging.abort(uploadId);
      return {};
    },
  };
}
