/**
 * Export: FileZilla's sitemanager.xml or Ferry's JSON, of every site or of the
 * selection. Without passwords the renderer gets the text and offers it as a
 * download. With passwords the main process writes the file itself and says
 * where: the renderer never holds a saved password.
 */
import { useState } from 'react';
import type { ExchangeFormat, ExportResult } from '../../../shared/contract/sites';
import { api } from '../../api';
import { withUnlock } from '../../store/sites';
import { Modal } from '../Modal';
import { errorMessage } from './api-errors';
import { autofocus } from '../autofocus';

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  /** The selected site or folder, offered as "only this". */
  selection: { id: string; name: string } | null;
  onClose(): void;
}

/** Hands `content` to the browser as a file download. */
function download(fileName: string, content: string, format: ExchangeFormat): void {
  const type = format === 'filezilla' ? 'application/xml' : 'application/json';
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the blob after this handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** See the module comment. */
export function ExportDialog({ selection, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExchangeFormat>('filezilla');
  const [scope, setScope] = useState<'all' | 'selection'>('all');
  const [includePasswords, setIncludePasswords] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const request = { format, includePasswords, ...(scope === 'selection' && selection ? { ids: [selection.id] } : {}) };
      const exported = await withUnlock('Exporting saved passwords needs your master password.', async () => {
        const value = await api().call('sites.export', request);
        if (value.content !== null) download(value.fileName, value.content, format);
        setResult(value);
        return value;
      }, (e) => setError(errorMessage(e)));
      if (exported === undefined) setError('Enter your master password, then export again.');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <Modal
        title="Export finished"
        onCancel={onClose}
        actions={
          <button type="button" className="primary" ref={autofocus} onClick={onClose}>
            OK
          </button>
        }
      >
        <p role="status" aria-label="Export result">
          {result.savedTo ? (
            <>
              Saved with passwords to <span className="mono">{result.savedTo}</span>. Keep this file private: the passwords in it are not encrypted.
            </>
          ) : (
            <>Downloaded {result.fileName}. Passwords were left out.</>
          )}
        </p>
        {result.notes.length > 0 && (
          <ul className="import-notes" aria-label="Export remarks">
            {result.notes.map((note, index) => (
              <li key={index}>
                {note.item && <strong>{note.item}: </strong>}
                {note.message}
              </li>
            ))}
          </ul>
        )}
      </Modal>
    );
  }

  return (
    <Modal
      title="Export sites"
      onCancel={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </>
      }
    >
      <label className="field">
        <span>Format</span>
        <select ref={autofocus} value={format} onChange={(e) => setFormat(e.target.value as ExchangeFormat)}>
          <option value="filezilla">FileZilla (sitemanager.xml)</option>
          <option value="ferry">Ferry (JSON)</option>
        </select>
      </label>
      <fieldset className="radio-group">
        <legend>Sites</legend>
        <label>
          <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
          All sites
        </label>
        <label>
          <input type="radio" name="export-scope" checked={scope === 'selection'} disabled={!selection} onChange={() => setScope('selection')} />
          {selection ? `Only “${selection.name}”` : 'Only the selection (select a site or folder first)'}
        </label>
      </fieldset>
      <label className="check-line">
        <input type="checkbox" checked={includePasswords} onChange={(e) => setIncludePasswords(e.target.checked)} />
        Include saved passwords
      </label>
      {includePasswords && (
        <p className="notice notice--warning">
          Anyone who gets the file can read the passwords in it. Ferry writes it to your Downloads folder itself and shows where.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
