/**
 * The router: the one place where requests from a renderer meet services.
 * Every request is checked against the contract's schema first; no service
 * ever sees input that did not validate. Transports (Electron IPC, WebSocket,
 * in-memory) only carry what this returns.
 */
import * as z from 'zod';
import { isMethodName, methods, type MethodName } from '../../shared/contract';
import type { CallResult } from '../../shared/rpc/messages';
import { toApiError } from './errors';
import type { CallContext, Handler, HandlerTable } from './types';

/** Answers calls for any transport. */
export interface Router {
  /** Validate and run one call. Never rejects: failures come back as `{ ok: false, error }`. */
  call(method: unknown, input: unknown, context: CallContext): Promise<CallResult>;
}

/** Builds the router over a handler for every method of the contract. */
export function createRouter(handlers: HandlerTable<MethodName>): Router {
  return {
    async call(method, input, context) {
      if (!isMethodName(method)) {
        return {
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `Ferry has no method called ${describe(method)}.` },
        };
      }
      const parsed = methods[method].input.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: `The request to ${method} was not valid.`,
            detail: z.prettifyError(parsed.error),
          },
        };
      }
      try {
        const handler = handlers[method] as Handler<MethodName>;
        const value = await handler(parsed.data as never, context);
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    },
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : `a ${typeof value}`;
}
