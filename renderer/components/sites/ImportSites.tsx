/**
 * Import: a file input that reads FileZilla's sitemanager.xml (or a Ferry
 * export) in the renderer and sends its TEXT with `sites.import` — never a
 * path, so the main process reads no file the user did not hand over — then
 * the report: what was imported, which passwords were saved or will be asked.
 */
import type { ChangeEvent } from 'react';
import type { ImportReport } from '../../../shared/contract/sites';
import { api } from '../../api';
import { withUnlock } from '../../store/sites';
import { Modal } from '../Modal';
import { errorMessage } from './api-errors';
import { autofocus } from '../autofocus';

/** Props of {@link ImportButton}. */
export interface ImportButtonProps {
  /** The import added what `report` says. */
  onImported(fileName: string, report: ImportReport): void;
  /** The file could not be read or imported. */
  onError(message: string): void;
}

/** Largest file accepted (the contract's limit). */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * The button: a labelled file input (keyboard-focusable; the label looks like
 * a button). The report and errors are shown by the caller, beside its dialog.
 */
export function ImportButton({ onImported, onError }: ImportButtonProps) {
  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = ''; // The same file can be picked again.
    if (!file) return;
    if (file.size > MAX_BYTES) {
      onError(`${file.name} is larger than 20 MB: it is not a site file.`);
      return;
    }
    try {
      const content = await file.text();
      if (content.trim() === '') throw new Error(`${file.name} is empty.`);
      const run = async (): Promise<void> => {
        onImported(file.name, await api().call('sites.import', { content, format: 'auto', parentId: null }));
      };
      // A file with passwords needs the master password to save them; it is imported once that is entered.
      await withUnlock(`Importing the passwords in ${file.name} needs your master password.`, run, (e) => onError(errorMessage(e)));
    } catch (e) {
      onError(errorMessage(e));
    }
  };
  return (
    <label className="file-button">
      <input type="file" accept=".xml,.json,application/xml,text/xml,application/json" onChange={(e) => void onFile(e)} />
      Import…
    </label>
  );
}

/** Why an import failed. */
export function ImportErrorDialog({ message, onClose }: { message: string; onClose(): void }) {
  return (
    <Modal
      title="Import failed"
      tone="warning"
      onCancel={onClose}
      actions={
        <button type="button" className="primary" ref={autofocus} onClick={onClose}>
          OK
        </button>
      }
    >
      <p role="alert">{message}</p>
    </Modal>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What an import did, and every remark (skipped fields, passwords that will be asked). */
export function ImportReportDialog({ fileName, report, onClose }: { fileName: string; report: ImportReport; onClose(): void }) {
  return (
    <Modal
      title="Import finished"
      onCancel={onClose}
      actions={
        <button type="button" className="primary" ref={autofocus} onClick={onClose}>
          OK
        </button>
      }
    >
      <p role="status" aria-label="Import summary">
        Imported {count(report.sites, 'site')} and {count(report.folders, 'folder')} from {fileName}, with {count(report.passwords, 'saved password')}.
      </p>
      {report.notes.length > 0 && (
        <>
          <h3 className="dialog-subtitle">Remarks</h3>
          <ul className="import-notes" aria-label="Import remarks">
            {report.notes.map((note, index) => (
              <li key={index}>
                {note.item && <strong>{note.item}: </strong>}
                {note.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
