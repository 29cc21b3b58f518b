/**
 * The quick-connect bar: protocol, host, user, password, port, Connect. A host
 * typed as a URL (`sftp://example.com:2222`) sets protocol and port too.
 */
import { useState, type FormEvent } from 'react';
import type { Encryption, QuickConnect as QuickTarget } from '../../shared/contract/remote';
import type { RecentConnection } from '../../shared/contract/sites';
import { connect, useSessions } from '../store/sessions';
import { RecentConnections } from './sites/RecentConnections';

/** The choices of the protocol menu, FileZilla's names in plain words. */
const PROTOCOLS = {
  'ftp-tls-if-available': { label: 'FTP – TLS if available', protocol: 'ftp', encryption: 'explicit-if-available' },
  'ftp-explicit': { label: 'FTPS – explicit TLS', protocol: 'ftp', encryption: 'require-explicit' },
  'ftp-implicit': { label: 'FTPS – implicit TLS', protocol: 'ftp', encryption: 'implicit' },
  'ftp-plain': { label: 'FTP – plain (insecure)', protocol: 'ftp', encryption: 'plain' },
  sftp: { label: 'SFTP', protocol: 'sftp', encryption: 'require-explicit' },
} as const satisfies Record<string, { label: string; protocol: 'ftp' | 'sftp'; encryption: Encryption }>;
type ProtocolChoice = keyof typeof PROTOCOLS;

const SCHEME_CHOICE: Record<string, ProtocolChoice> = {
  ftp: 'ftp-tls-if-available',
  ftpes: 'ftp-explicit',
  ftps: 'ftp-implicit',
  sftp: 'sftp',
};

/** The bar. */
export function QuickConnect() {
  const connecting = useSessions((s) => s.connecting);
  const error = useSessions((s) => s.connectError);
  const [choice, setChoice] = useState<ProtocolChoice>('ftp-tls-if-available');
  const [host, setHost] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [port, setPort] = useState('');

  /** A recent connection fills the bar (the password is never remembered, so it is typed again). */
  const pick = (recent: RecentConnection): void => {
    setChoice(choiceFor(recent));
    setHost(recent.host);
    setUser(recent.user);
    setPort(String(recent.port));
    setPassword('');
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = parseHost(host.trim());
    const selected = PROTOCOLS[parsed.choice ?? choice];
    const portNumber = Number(port || parsed.port || 0);
    const target: QuickTarget = {
      protocol: selected.protocol,
      encryption: selected.encryption,
      host: parsed.host,
      ...(portNumber > 0 ? { port: portNumber } : {}),
      ...(user ? { user } : {}),
      ...(password ? { password } : {}),
    };
    void connect({ quick: target }).then((session) => {
      if (session) setPassword('');
    });
  };

  return (
    <form className="quick-connect" aria-label="Quick connect" onSubmit={submit}>
      <label>
        <span className="visually-hidden">Protocol</span>
        <select aria-label="Protocol" value={choice} onChange={(e) => setChoice(e.target.value as ProtocolChoice)}>
          {Object.entries(PROTOCOLS).map(([value, p]) => (
            <option key={value} value={value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <input aria-label="Host" placeholder="Host" value={host} onChange={(e) => setHost(e.target.value)} required spellCheck={false} />
      <input aria-label="Username" placeholder="Username" value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" />
      <input
        aria-label="Password"
        placeholder="Password"
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="current-password"
      />
      <input
        aria-label="Port"
        placeholder="Port"
        className="port"
        inputMode="numeric"
        pattern="[0-9]*"
        value={port}
        onChange={(e) => setPort(e.target.value)}
      />
      <RecentConnections onPick={pick} />
      <button type="submit" className="primary" disabled={connecting || host.trim() === ''}>
        {connecting ? 'Connecting…' : 'Connect'}
      </button>
      {error && (
        <p className="quick-connect__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** The protocol menu's choice for a remembered protocol and encryption. */
function choiceFor(recent: Pick<RecentConnection, 'protocol' | 'encryption'>): ProtocolChoice {
  const found = Object.entries(PROTOCOLS).find(
    ([, p]) => p.protocol === recent.protocol && (recent.protocol === 'sftp' || p.encryption === recent.encryption),
  );
  return (found?.[0] as ProtocolChoice | undefined) ?? 'ftp-tls-if-available';
}

/** `sftp://host:2222` → protocol choice, host and port; a plain host passes through. */
function parseHost(text: string): { host: string; choice?: ProtocolChoice; port?: string } {
  const match = /^([a-z]+):\/\/(\[[^\]]+\]|[^/:]+)(?::(\d+))?\/?$/i.exec(text);
  if (!match) return { host: text };
  const choice = SCHEME_CHOICE[match[1]!.toLowerCase()];
  return { host: match[2]!.replace(/^\[(.*)\]$/, '$1'), ...(choice ? { choice } : {}), ...(match[3] ? { port: match[3] } : {}) };
}
