/**
 * How the router's pieces fit: a handler per contract method, grouped by domain,
 * and an event sink services use to push events to every connected renderer.
 */
import type { EventName, EventPayload, MethodName, Output, ParsedInput } from '../../shared/contract';

/** Who is calling. Services should not care; logs and `app.info` do. */
export interface CallContext {
  transport: 'electron' | 'websocket' | 'memory';
}

/** Implements one method. Receives input already validated against the schema. */
export type Handler<M extends MethodName> = (input: ParsedInput<M>, context: CallContext) => Promise<Output<M>>;

/** The handlers of a set of methods, e.g. `HandlerTable<keyof typeof localMethods>`. */
export type HandlerTable<K extends MethodName> = { [M in K]: Handler<M> };

/** Pushes an event to every connected renderer. */
export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void;
