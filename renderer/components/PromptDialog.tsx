/**
 * The engines' questions, one at a time: trust a certificate or host key,
 * enter a password or passphrase, answer the server's prompts.
 */
import { useState, type FormEvent } from 'react';
import type { PromptRequest } from '../../shared/contract/prompts';
import { answerPrompt, usePrompts } from '../store/prompts';
import { Modal } from './Modal';

/** Shows the oldest waiting question, if any. */
export function PromptDialog() {
  const prompt = usePrompts((state) => state.queue[0]);
  if (!prompt) return null;
  // Keyed by id so each question starts with empty fields.
  return <PromptFor key={prompt.id} prompt={prompt} />;
}

function PromptFor({ prompt }: { prompt: PromptRequest }) {
  const cancel = (): void => void answerPrompt(prompt.id, { kind: 'cancel' });
  switch (prompt.kind) {
    case 'certificate':
      return <CertificatePrompt prompt={prompt} onCancel={cancel} />;
    case 'host-key':
      return <HostKeyPrompt prompt={prompt} onCancel={cancel} />;
    case 'password':
      return (
        <SecretPrompt
          id={prompt.id}
          title={`Password for ${prompt.question.user}@${prompt.question.host}`}
          label="Password"
          note={prompt.question.reason}
          onCancel={cancel}
        />
      );
    case 'passphrase':
      return (
        <SecretPrompt id={prompt.id} title="Key passphrase" label="Passphrase" note={`The key ${prompt.question.keyPath} is encrypted.`} onCancel={cancel} />
      );
    case 'keyboard-interactive':
      return <InteractivePrompt prompt={prompt} onCancel={cancel} />;
  }
}

type Of<K extends PromptRequest['kind']> = Extract<PromptRequest, { kind: K }>;

function TrustButtons({ id, onCancel }: { id: string; onCancel(): void }) {
  return (
    <>
      <button type="button" onClick={onCancel}>
        Reject
      </button>
      <button type="button" onClick={() => void answerPrompt(id, { kind: 'trust', decision: 'trust-once' })}>
        Trust once
      </button>
      <button type="button" className="primary" onClick={() => void answerPrompt(id, { kind: 'trust', decision: 'trust-always' })}>
        Always trust
      </button>
    </>
  );
}

function CertificatePrompt({ prompt, onCancel }: { prompt: Of<'certificate'>; onCancel(): void }) {
  const q = prompt.question;
  return (
    <Modal title="Unknown certificate" tone="warning" onCancel={onCancel} actions={<TrustButtons id={prompt.id} onCancel={onCancel} />}>
      <p>
        The server <strong>{q.host}:{q.port}</strong> presented a certificate Ferry cannot verify: {q.reason}. Trust it only if the
        fingerprint matches what the server's administrator gave you.
      </p>
      <dl className="facts">
        <dt>Subject</dt>
        <dd>{q.subject}</dd>
        <dt>Issuer</dt>
        <dd>{q.issuer}</dd>
        <dt>Valid</dt>
        <dd>
          {q.validFrom} – {q.validTo}
        </dd>
        <dt>SHA-256 fingerprint</dt>
        <dd className="mono" aria-label="SHA-256 fingerprint">
          {q.fingerprint256}
        </dd>
      </dl>
    </Modal>
  );
}

function HostKeyPrompt({ prompt, onCancel }: { prompt: Of<'host-key'>; onCancel(): void }) {
  const q = prompt.question;
  return (
    <Modal title="Unknown host key" tone="warning" onCancel={onCancel} actions={<TrustButtons id={prompt.id} onCancel={onCancel} />}>
      <p>
        Ferry has never connected to <strong>{q.host}:{q.port}</strong> before. Trust its key only if the fingerprint matches what
        the server's administrator gave you.
      </p>
      <dl className="facts">
        <dt>Key type</dt>
        <dd>{q.keyType}</dd>
        <dt>Fingerprint</dt>
        <dd className="mono" aria-label="Host key fingerprint">
          {q.fingerprint}
        </dd>
      </dl>
    </Modal>
  );
}

function SecretPrompt(props: { id: string; title: string; label: string; note: string; onCancel(): void }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void answerPrompt(props.id, { kind: 'secret', value });
  };
  return (
    <Modal
      title={props.title}
      onCancel={props.onCancel}
      actions={
        <>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" form={`secret-${props.id}`} className="primary">
            Connect
          </button>
        </>
      }
    >
      <form id={`secret-${props.id}`} onSubmit={submit}>
        <p>{props.note}</p>
        <label className="field">
          <span>{props.label}</span>
          <input type="password" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
      </form>
    </Modal>
  );
}

function InteractivePrompt({ prompt, onCancel }: { prompt: Of<'keyboard-interactive'>; onCancel(): void }) {
  const q = prompt.question;
  const [values, setValues] = useState(() => q.prompts.map(() => ''));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void answerPrompt(prompt.id, { kind: 'responses', values });
  };
  return (
    <Modal
      title={q.name || `${q.host} asks`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={`kbd-${prompt.id}`} className="primary">
            Send
          </button>
        </>
      }
    >
      <form id={`kbd-${prompt.id}`} onSubmit={submit}>
        {q.instructions && <p>{q.instructions}</p>}
        {q.prompts.map((p, index) => (
          <label className="field" key={index}>
            <span>{p.prompt.trim() || `Answer ${index + 1}`}</span>
            <input
              type={p.echo ? 'text' : 'password'}
              autoFocus={index === 0}
              value={values[index]}
              onChange={(e) => setValues(values.map((v, i) => (i === index ? e.target.value : v)))}
            />
          </label>
        ))}
      </form>
    </Modal>
  );
}
