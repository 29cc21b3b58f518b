/**
 * Fans events out to every connected renderer, whatever transport carries it.
 */
import type { EventSink } from './types';

/** Something that receives every event, e.g. one WebSocket client or the Electron window. */
export type EventListener = (name: string, payload: unknown) => void;

/** An {@link EventSink} for services plus subscription for transports. */
export interface EventHub {
  emit: EventSink;
  subscribe(listener: EventListener): () => void;
}

/** Creates an empty hub. */
export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        try {
          listener(name, payload);
        } catch {
          // One broken client (a closed socket) must not stop events reaching the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
