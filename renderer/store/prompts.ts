/**
 * Questions from the main process waiting for the user (certificates, host
 * keys, passwords, server prompts). Shown one at a time, oldest first.
 */
import { create } from 'zustand';
import type { PromptAnswer, PromptRequest } from '../../shared/contract/prompts';
import { api } from '../api';

export const usePrompts = create<{ queue: PromptRequest[] }>()(() => ({ queue: [] }));

/** Adds a question (from `prompt.request`, or from `prompt.pending` after a reload). */
export function addPrompt(request: PromptRequest): void {
  usePrompts.setState((state) => (state.queue.some((p) => p.id === request.id) ? state : { queue: [...state.queue, request] }));
}

/** Drops a question that was answered or withdrawn. */
export function closePrompt(id: string): void {
  usePrompts.setState((state) => ({ queue: state.queue.filter((p) => p.id !== id) }));
}

/** Sends the user's answer. */
export async function answerPrompt(id: string, answer: PromptAnswer): Promise<void> {
  closePrompt(id);
  await api().call('prompt.answer', { id, answer });
}
