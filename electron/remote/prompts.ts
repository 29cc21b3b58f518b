/**
 * Asks the user questions on behalf of the engines and waits for the answer.
 * A question goes to every window as a `prompt.request` event; the first
 * answer settles it. `prompt.pending` lets a window that opens (or reloads)
 * later still see questions that are waiting.
 */
import { randomUUID } from 'node:crypto';
import type { PromptAnswer, PromptRequest } from '../../shared/contract/prompts';
import type { EventSink } from '../api/types';

type Question = PromptRequest extends infer R ? (R extends PromptRequest ? Omit<R, 'id'> : never) : never;

/** Questions waiting for the user, and the way answers get back to who asked. */
export class PromptHub {
  private readonly waiting = new Map<string, { request: PromptRequest; settle(answer: PromptAnswer): void }>();

  constructor(private readonly emit: EventSink) {}

  /** Ask; resolves with the answer, or `cancel` when `signal` aborts first. */
  ask(question: Question, signal?: AbortSignal): Promise<PromptAnswer> {
    const id = randomUUID();
    const request = { ...question, id } as PromptRequest;
    return new Promise((resolve) => {
      const settle = (answer: PromptAnswer): void => {
        if (!this.waiting.delete(id)) return;
        signal?.removeEventListener('abort', onAbort);
        this.emit('prompt.closed', { id });
        resolve(answer);
      };
      const onAbort = (): void => settle({ kind: 'cancel' });
      if (signal?.aborted) {
        resolve({ kind: 'cancel' });
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, { request, settle });
      this.emit('prompt.request', request);
    });
  }

  /** Deliver the user's answer; `false` when the question is no longer waiting. */
  answer(id: string, answer: PromptAnswer): boolean {
    const entry = this.waiting.get(id);
    if (!entry) return false;
    if (!fits(entry.request, answer)) return false;
    entry.settle(answer);
    return true;
  }

  /** The questions still waiting. */
  pending(): PromptRequest[] {
    return [...this.waiting.values()].map((entry) => entry.request);
  }

  /** Withdraw every waiting question (shutdown). */
  cancelAll(): void {
    for (const entry of [...this.waiting.values()]) entry.settle({ kind: 'cancel' });
  }
}

/** An answer must be of the kind the question asked for (or a cancel). */
function fits(request: PromptRequest, answer: PromptAnswer): boolean {
  if (answer.kind === 'cancel') return true;
  switch (request.kind) {
    case 'certificate':
    case 'host-key':
      return answer.kind === 'trust';
    case 'password':
    case 'passphrase':
      return answer.kind === 'secret';
    case 'keyboard-interactive':
      return answer.kind === 'responses' && answer.values.length === request.question.prompts.length;
  }
}
