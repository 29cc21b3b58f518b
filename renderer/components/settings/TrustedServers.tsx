/**
 * Settings: the FTPS certificates and SSH host keys the user chose to always
 * trust. Removing one means Ferry asks again next time (for a host key: shows
 * it as unknown, not as changed).
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { TrustEntry } from '../../../shared/contract/sites';
import { loadTrust, removeTrust, useSettings } from '../../store/settings';
import { errorMessage } from '../sites/api-errors';
import { ConfirmDialog } from '../sites/ConfirmDialog';

/** Props of {@link TrustedServers}. */
export interface TrustedServersProps {
  /** Shows a dialog beside the settings view (`null` closes it). */
  showDialog(dialog: ReactNode | null): void;
}

/** `host:port`, with IPv6 addresses in brackets. */
function serverOf(entry: TrustEntry): string {
  return `${entry.host.includes(':') ? `[${entry.host}]` : entry.host}:${entry.port}`;
}

function kindOf(entry: TrustEntry): string {
  if (entry.kind === 'certificate') return entry.subject ? `Certificate (${entry.subject})` : 'Certificate';
  return entry.keyType ? `Host key (${entry.keyType})` : 'Host key';
}

/** See the module comment. */
export function TrustedServers({ showDialog }: TrustedServersProps) {
  const trust = useSettings((s) => s.trust);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadTrust().catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  const askRemove = (entry: TrustEntry): void => {
    const remove = (): void => {
      removeTrust(entry)
        .then(() => showDialog(null))
        .catch((e: unknown) => {
          showDialog(null);
          setError(errorMessage(e));
        });
    };
    showDialog(
      <ConfirmDialog title={`Stop trusting ${serverOf(entry)}?`} confirmLabel="Remove" onCancel={() => showDialog(null)} onConfirm={remove}>
        <p>
          Ferry will ask again the next time it connects to {serverOf(entry)}, and you will have to check the {entry.kind === 'certificate' ? 'certificate' : 'key'}’s
          fingerprint again:
        </p>
        <p className="mono">{entry.fingerprint}</p>
      </ConfirmDialog>,
    );
  };

  if (error) return <p className="form-error" role="alert">{error}</p>;
  if (!trust) return <p className="muted">Loading…</p>;
  if (trust.length === 0) {
    return <p className="muted">No trusted certificates or host keys yet. They are added when you choose “Always trust” while connecting.</p>;
  }
  return (
    <div className="trust-table__scroll">
      <table className="trust-table" aria-label="Trusted certificates and host keys">
        <thead>
          <tr>
            <th scope="col">Server</th>
            <th scope="col">Kind</th>
            <th scope="col">Fingerprint (SHA-256)</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {trust.map((entry) => (
            <tr key={`${entry.kind}:${entry.host}:${entry.port}:${entry.fingerprint}`}>
              <td>{serverOf(entry)}</td>
              <td>{kindOf(entry)}</td>
              <td className="mono">{entry.fingerprint}</td>
              <td title={new Date(entry.added).toISOString()}>{new Date(entry.added).toLocaleString()}</td>
              <td>
                <button type="button" className="small-button" aria-label={`Remove ${serverOf(entry)} ${entry.kind === 'certificate' ? 'certificate' : 'host key'}`} onClick={() => askRemove(entry)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
