/**
 * Checklist item 6: an IPC call is answered only when it comes from Ferry's own
 * page (the sender frame's origin), names a contract method, and — in the
 * router — carries input that matches the schema.
 */
import type { CallResult } from '../../shared/rpc/messages';
import type { Router } from '../api/router';
import { isAppUrl } from './app-protocol';

/** Runs one IPC call for the frame at `senderUrl`, refusing frames that are not Ferry's. */
export function guardedCall(router: Router, method: string, input: unknown, senderUrl: string | undefined): Promise<CallResult> {
  if (!isAppUrl(senderUrl)) {
    return Promise.resolve({ ok: false, error: { code: 'EACCES', message: 'Refused a call from a page that is not Ferry.' } });
  }
  return router.call(method, input, { transport: 'electron' });
}
