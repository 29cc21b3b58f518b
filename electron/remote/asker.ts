/**
 * Who answers the engines' questions: the UI (through the prompt hub) or a
 * terminal (the CLI). The engines only see this interface.
 */
import type { CertificateQuestion, HostKeyQuestion, TrustDecision } from '../../shared/types/trust';
import type { PromptAnswer } from '../../shared/contract/prompts';
import type { PromptHub } from './prompts';

/** A server's keyboard-interactive prompts. */
export interface InteractiveQuestion {
  host: string;
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

/** Answers questions for one connection attempt. `null` means the user cancelled. */
export interface Asker {
  certificate(question: CertificateQuestion): Promise<TrustDecision>;
  hostKey(question: HostKeyQuestion): Promise<TrustDecision>;
  password(question: { host: string; user: string; reason: string }): Promise<string | null>;
  passphrase(keyPath: string): Promise<string | null>;
  interactive(question: InteractiveQuestion): Promise<string[] | null>;
}

/** An {@link Asker} that asks every window through the prompt hub. */
export function hubAsker(hub: PromptHub, signal?: AbortSignal): Asker {
  const trust = async (answer: Promise<PromptAnswer>): Promise<TrustDecision> => {
    const result = await answer;
    return result.kind === 'trust' ? result.decision : 'reject';
  };
  const secret = async (answer: Promise<PromptAnswer>): Promise<string | null> => {
    const result = await answer;
    return result.kind === 'secret' ? result.value : null;
  };
  return {
    certificate: (question) => trust(hub.ask({ kind: 'certificate', question }, signal)),
    hostKey: (question) => trust(hub.ask({ kind: 'host-key', question }, signal)),
    password: (question) => secret(hub.ask({ kind: 'password', question }, signal)),
    passphrase: (keyPath) => secret(hub.ask({ kind: 'passphrase', question: { keyPath } }, signal)),
    interactive: async (question) => {
      const result = await hub.ask({ kind: 'keyboard-interactive', question }, signal);
      return result.kind === 'responses' ? result.values : null;
    },
  };
}
