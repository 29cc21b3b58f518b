/** Handlers of `prompt.*` methods: the user's answers to the engines' questions. */
import type { promptsMethods } from '../../../shared/contract/prompts';
import type { PromptHub } from '../../remote/prompts';
import type { HandlerTable } from '../types';

/** Builds the `prompt.*` handlers. */
export function promptHandlers(prompts: PromptHub): HandlerTable<keyof typeof promptsMethods> {
  return {
    'prompt.answer': async ({ id, answer }) => ({ accepted: prompts.answer(id, answer) }),
    'prompt.pending': async () => prompts.pending(),
  };
}
