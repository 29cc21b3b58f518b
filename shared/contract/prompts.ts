/**
 * Questions the main process asks the user while it works: trust this
 * certificate or host key? which password? what to answer the server's
 * keyboard-interactive prompts? Each is an event to every window; the first
 * answer wins, and `prompt.closed` tells the others to close their dialog.
 */
import * as z from 'zod';
import { CertificateQuestion, HostKeyQuestion, TrustDecision } from '../types/trust';

/** A question waiting for the user. */
export const PromptRequest = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('certificate'), question: CertificateQuestion }),
  z.object({ id: z.string(), kind: z.literal('host-key'), question: HostKeyQuestion }),
  z.object({
    id: z.string(),
    kind: z.literal('password'),
    question: z.object({ host: z.string(), user: z.string(), reason: z.string() }),
  }),
  z.object({ id: z.string(), kind: z.literal('passphrase'), question: z.object({ keyPath: z.string() }) }),
  z.object({
    id: z.string(),
    kind: z.literal('keyboard-interactive'),
    question: z.object({
      host: z.string(),
      name: z.string(),
      instructions: z.string(),
      prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
    }),
  }),
]);
export type PromptRequest = z.infer<typeof PromptRequest>;
/** The kind of a prompt. */
export type PromptKind = PromptRequest['kind'];

/** The user's answer; `cancel` for any kind closes the question without an answer. */
export const PromptAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trust'), decision: TrustDecision }),
  z.object({ kind: z.literal('secret'), value: z.string().max(4096) }),
  z.object({ kind: z.literal('responses'), values: z.array(z.string().max(4096)).max(32) }),
  z.object({ kind: z.literal('cancel') }),
]);
export type PromptAnswer = z.infer<typeof PromptAnswer>;

export const promptsMethods = {
  'prompt.answer': {
    input: z.object({ id: z.string().max(100), answer: PromptAnswer }).strict(),
    output: z.object({ accepted: z.boolean() }),
  },
  'prompt.pending': { input: z.object({}).strict(), output: z.array(PromptRequest) },
} as const;

export const promptsEvents = {
  'prompt.request': PromptRequest,
  /** The question was answered (here or in another window) or withdrawn. */
  'prompt.closed': z.object({ id: z.string() }),
} as const;
