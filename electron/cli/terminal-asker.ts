/**
 * Answers the engines' questions on a terminal, or — when no one is there to
 * ask (a script, CI) — refuses, and remembers what was refused so the error
 * can say exactly which flag would have accepted it.
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { CertificateQuestion, HostKeyQuestion, TrustDecision } from '../../shared/types/trust';
import type { Asker, InteractiveQuestion } from '../remote/asker';

/** What a non-interactive run refused, for the final error message. */
export interface Refusals {
  certificate?: CertificateQuestion;
  hostKey?: HostKeyQuestion;
}

/** Streams the asker talks through (real terminal by default; tests pass their own). */
export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
}

/** Asks one line on the terminal (typing hidden for secrets); `null` when there is no terminal or input ended. */
export async function askLine(io: TerminalIo, question: string, hidden = false): Promise<string | null> {
    if (!io.interactive) return null;
    // Hidden: print the question ourselves and give readline an output that drops everything, so
    // what is typed is never echoed (readline puts a real terminal in raw mode, so the terminal
    // does not echo either). Overriding `_writeToOutput` no longer works: Node 20's readline
    // writes through an internal method and echoed the password.
    const rl = createInterface({ input: io.input, output: hidden ? discard() : io.output, terminal: true });
    if (hidden) io.output.write(question);
    try {
      const answer = await rl.question(hidden ? '' : question);
      if (hidden) io.output.write('\n');
      return answer;
    } catch {
      return null;
    } finally {
      rl.close();
    }
}

/** An asker for the `ferry` command line. */
export function terminalAsker(io: TerminalIo, refusals: Refusals): Asker {
  const ask = (question: string, hidden = false): Promise<string | null> => askLine(io, question, hidden);
  const trust = async (describe: string): Promise<TrustDecision> => {
    const answer = await ask(`${describe}\nTrust it? [o]nce, [a]lways, [N]o: `);
    const letter = answer?.trim().toLowerCase()[0];
    return letter === 'o' ? 'trust-once' : letter === 'a' ? 'trust-always' : 'reject';
  };

  return {
    async certificate(q) {
      if (!io.interactive) {
        refusals.certificate = q;
        return 'reject';
      }
      return trust(
        `The certificate of ${q.host}:${q.port} is not trusted: ${q.reason}.\n` +
          `  Subject: ${q.subject}\n  Issuer:  ${q.issuer}\n  Valid:   ${q.validFrom} – ${q.validTo}\n` +
          `  SHA-256: ${q.fingerprint256}`,
      );
    },
    async hostKey(q) {
      if (!io.interactive) {
        refusals.hostKey = q;
        return 'reject';
      }
      return trust(`${q.host}:${q.port} is not a known host.\n  ${q.keyType} key fingerprint: ${q.fingerprint}`);
    },
    password: (q) => ask(`Password for ${q.user}@${q.host}: `, true),
    passphrase: (keyPath) => ask(`Passphrase for ${keyPath}: `, true),
    async interactive(q: InteractiveQuestion) {
      if (!io.interactive) return null;
      if (q.instructions) io.output.write(`${q.instructions}\n`);
      const answers: string[] = [];
      for (const prompt of q.prompts) {
        const answer = await ask(prompt.prompt, !prompt.echo);
        if (answer === null) return null;
        answers.push(answer);
      }
      return answers;
    },
  };
}

/** A stream that swallows what is written to it. */
function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}
