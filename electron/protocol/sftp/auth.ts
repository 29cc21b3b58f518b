/**
 * The order in which login methods are tried, and what the user is told when none works.
 *
 * Order (like OpenSSH): `none` first to learn which methods the server accepts, then the
 * private key, the agent's keys, the password, and keyboard-interactive last (it asks the
 * user, so it comes after everything that does not). A method the server does not list is
 * skipped. Keyboard-interactive prompts always go to the caller: Ferry never answers a
 * server's prompt by itself (a prompt text is chosen by the server and could ask for anything).
 */
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, NextAuthHandler, ParsedKey } from 'ssh2';
import { FerryError } from '../../../shared/errors';

/** One keyboard-interactive round as the user sees it. */
export interface PromptRequest {
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

/** The credentials one login may use. */
export interface Credentials {
  user: string;
  password?: string;
  /** A loaded private key and how to name it in messages. */
  key?: { parsed: ParsedKey; label: string };
  /** ssh-agent socket path. */
  agent?: string;
  /** Answers keyboard-interactive prompts; `null` = the user cancelled. */
  answerPrompts?: (request: PromptRequest) => Promise<string[] | null>;
}

/** What the handler reports to the connection. */
export interface AuthEvents {
  /** A method is being tried (for the log). */
  attempt(method: LoginMethod): void;
  /** The user is being asked (true) or has answered (false): the connect timer must pause meanwhile. */
  waitingForUser(active: boolean): void;
  /** Login cannot go on (the user cancelled, an answer was unusable): fail with this error. */
  fail(error: FerryError): void;
}

/** A login method in Ferry's words. */
export type LoginMethod = 'none' | 'publickey' | 'agent' | 'password' | 'keyboard-interactive';

/** Names for messages. */
const METHOD_NAMES: Record<LoginMethod, string> = {
  none: 'no authentication',
  publickey: 'private key',
  agent: 'ssh-agent',
  password: 'password',
  'keyboard-interactive': 'keyboard-interactive',
};

/** The handler for ssh2's `authHandler`, plus what it found out. */
export interface LoginPlan {
  handler: AuthHandlerMiddleware;
  /** The method tried last (the one that succeeded, once 'ready' fired). */
  currentMethod(): LoginMethod | null;
  /** The error to report when ssh2 says every method failed. */
  failure(): FerryError;
}

/** Builds the login sequence for `credentials`. */
export function planLogin(credentials: Credentials, events: AuthEvents): LoginPlan {
  const { user } = credentials;
  const planned: LoginMethod[] = [];
  if (credentials.key) planned.push('publickey');
  if (credentials.agent) planned.push('agent');
  if (credentials.password !== undefined) planned.push('password');
  if (credentials.answerPrompts) planned.push('keyboard-interactive');

  const tried: LoginMethod[] = [];
  let current: LoginMethod | null = null;
  let serverMethods: string[] | null = null;
  let stopped = false;

  const method = (name: LoginMethod): AnyAuthMethod => {
    switch (name) {
      case 'none':
        return { type: 'none', username: user };
      case 'publickey':
        return { type: 'publickey', username: user, key: (credentials.key as { parsed: ParsedKey }).parsed };
      case 'agent':
        return { type: 'agent', username: user, agent: credentials.agent as string };
      case 'password':
        return { type: 'password', username: user, password: credentials.password as string };
      case 'keyboard-interactive':
        return {
          type: 'keyboard-interactive',
          username: user,
          prompt: (name, instructions, _lang, prompts, finish) => {
            const request: PromptRequest = {
              name,
              instructions,
              prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })),
            };
            events.waitingForUser(true);
            const answer = (credentials.answerPrompts as NonNullable<Credentials['answerPrompts']>)(request);
            answer.then(
              (answers) => {
                events.waitingForUser(false);
                if (answers === null) {
                  stopped = true;
                  events.fail(new FerryError('AUTH_FAILED', 'Login cancelled: the server\'s questions were not answered.'));
                } else if (answers.length !== prompts.length) {
                  stopped = true;
                  events.fail(
                    new FerryError('INVALID_INPUT', `The server asked ${prompts.length} question(s) but ${answers.length} answer(s) were given.`),
                  );
                } else {
                  finish(answers);
                }
              },
              (error: unknown) => {
                events.waitingForUser(false);
                stopped = true;
                events.fail(
                  error instanceof FerryError ? error : new FerryError('AUTH_FAILED', 'Login cancelled: the questions could not be answered.', String(error)),
                );
              },
            );
          },
        };
    }
  };

  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, next: NextAuthHandler) => {
    if (stopped) return next(false as unknown as AuthenticationType);
    // ssh2 passes null on the first call: ask with `none` to learn what the server accepts.
    if (methodsLeft === null || methodsLeft === undefined) {
      current = 'none';
      return next(method('none'));
    }
    serverMethods = methodsLeft;
    for (const name of planned) {
      if (tried.includes(name)) continue;
      const wireName = name === 'agent' ? 'publickey' : name;
      if (!methodsLeft.includes(wireName as AuthenticationType)) continue;
      tried.push(name);
      current = name;
      events.attempt(name);
      return next(method(name));
    }
    // Nothing left: ssh2 then reports "All configured authentication methods failed".
    return next(false as unknown as AuthenticationType);
  };

  return {
    handler,
    currentMethod: () => current,
    failure: () => {
      const accepted = serverMethods?.join(', ') ?? 'unknown';
      const detail = `Methods the server accepts: ${accepted}.`;
      if (tried.length === 0) {
        return new FerryError(
          'AUTH_FAILED',
          `The server accepts only ${accepted} for user "${user}", and no such credential was given.`,
          detail,
        );
      }
      if (tried.length === 1 && tried[0] === 'password') {
        return new FerryError('AUTH_FAILED', `The server refused the login: wrong user name or password for "${user}".`, detail);
      }
      const names = tried.map((name) => METHOD_NAMES[name]).join(', ');
      return new FerryError('AUTH_FAILED', `The server refused the login for "${user}" (tried: ${names}).`, detail);
    },
  };
}

/** The method's name for the log. */
export function loginMethodName(method: LoginMethod): string {
  return METHOD_NAMES[method];
}
