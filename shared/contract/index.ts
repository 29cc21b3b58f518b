/**
 * The one table of Ferry's API: every method (name → input schema → output
 * schema) and every event (name → payload schema). Both transports, the router
 * and the renderer's client are typed from it, so a method added on one side
 * and not the other fails to compile.
 *
 * Each domain keeps its part in its own file; this file only joins them.
 */
import type { z } from 'zod';
import { appEvents, appMethods } from './app';
import { editEvents, editMethods } from './edit';
import { localMethods } from './local';
import { promptsEvents, promptsMethods } from './prompts';
import { remoteEvents, remoteMethods } from './remote';
import { sitesEvents, sitesMethods } from './sites';
import { transfersEvents, transfersMethods } from './transfers';
import { uploadsMethods } from './uploads';

/** A method's schemas. */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const methods = {
  ...appMethods,
  ...localMethods,
  ...editMethods,
  ...remoteMethods,
  ...promptsMethods,
  ...sitesMethods,
  ...transfersMethods,
  ...uploadsMethods,
} as const satisfies Record<string, MethodSpec>;

export const events = {
  ...appEvents,
  ...editEvents,
  ...remoteEvents,
  ...promptsEvents,
  ...sitesEvents,
  ...transfersEvents,
} as const satisfies Record<string, z.ZodType>;

/** The name of an API method, e.g. `local.list`. */
export type MethodName = keyof typeof methods;
/** The name of an API event, e.g. `app.log`. */
export type EventName = keyof typeof events;
/** What a caller passes to method `M` (before defaults are applied). */
export type Input<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
/** What method `M` receives after validation. */
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
/** What method `M` resolves to. */
export type Output<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
/** The payload of event `E`. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Every method name, for transports that must register or allow-list them. */
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
/** Every event name. */
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** True when `name` is a method of the contract (and not, say, `__proto__`). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

/** True when `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
