/**
 * The rest of the site form: default folders, transfer options, character
 * set, server time offset, colour, bookmarks and comments.
 */
import type { SiteColour, TransferMode } from '../../../shared/contract/sites';
import type { FieldErrors } from './api-errors';
import { BookmarksEditor } from './BookmarksEditor';
import { CheckField, Field } from './Field';
import { applicableFields, type SiteForm } from './site-form-model';

const COLOURS: SiteColour[] = ['none', 'red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange'];

/** Encodings offered as suggestions; any name the converter knows is accepted. */
const CHARSETS = ['auto', 'utf-8', 'windows-1252', 'iso-8859-1', 'iso-8859-15', 'windows-1251', 'koi8-r', 'shift_jis', 'euc-jp', 'gbk', 'big5', 'euc-kr'];

/** Props of {@link SiteOptionsFields}. */
export interface SiteOptionsFieldsProps {
  form: SiteForm;
  errors: FieldErrors;
  change(patch: Partial<SiteForm>): void;
}

/** See the module comment. */
export function SiteOptionsFields({ form, errors, change }: SiteOptionsFieldsProps) {
  const applies = applicableFields(form);
  return (
    <>
      <fieldset className="form-section">
        <legend>Folders</legend>
        <div className="form-grid">
          <Field label="Default local folder" error={errors.localFolder}>
            {(control) => (
              <input {...control} value={form.localFolder} spellCheck={false} placeholder="Where the local pane is" onChange={(e) => change({ localFolder: e.target.value })} />
            )}
          </Field>
          <Field label="Default remote folder" error={errors.remoteFolder}>
            {(control) => (
              <input {...control} value={form.remoteFolder} spellCheck={false} placeholder="The server’s start folder" onChange={(e) => change({ remoteFolder: e.target.value })} />
            )}
          </Field>
          <CheckField
            label="Synchronized browsing"
            hint="Entering a folder on one side enters the same folder on the other."
            checked={form.syncBrowsing}
            onChange={(syncBrowsing) => change({ syncBrowsing })}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Transfers</legend>
        <div className="form-grid">
          {applies.has('transferMode') && (
            <Field label="Transfer mode" error={errors.transferMode}>
              {(control) => (
                <select {...control} value={form.transferMode} onChange={(e) => change({ transferMode: e.target.value as TransferMode })}>
                  <option value="default">Default (from Settings)</option>
                  <option value="passive">Passive</option>
                  <option value="active">Active</option>
                </select>
              )}
            </Field>
          )}
          <Field label="Connection limit" error={errors.connectionLimit}>
            {(control) => (
              <select {...control} value={form.connectionLimit} onChange={(e) => change({ connectionLimit: Number(e.target.value) })}>
                <option value={0}>Use the global setting</option>
                {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {n === 1 ? '1 connection' : `${n} connections`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <CheckField
            label="Upload to a temporary name, then rename"
            hint="The file appears under its real name only once it is complete."
            checked={form.uploadToTemporaryName}
            onChange={(uploadToTemporaryName) => change({ uploadToTemporaryName })}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Server</legend>
        <div className="form-grid">
          <Field label="Character set" error={errors.charset} hint="“auto” uses UTF-8 when the server offers it.">
            {(control) => (
              <>
                <input {...control} list="site-charsets" value={form.charset} spellCheck={false} onChange={(e) => change({ charset: e.target.value })} />
                <datalist id="site-charsets">
                  {CHARSETS.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label="Server time offset" error={errors.timeOffset} hint="Hours:minutes added to the server’s times, e.g. +1:00.">
            {(control) => (
              <input {...control} className="input--short" value={form.timeOffset} placeholder="0:00" onChange={(e) => change({ timeOffset: e.target.value })} />
            )}
          </Field>
          <Field label="Colour" error={errors.colour} aside={<span className="colour-swatch" data-colour={form.colour} aria-hidden="true" />}>
            {(control) => (
              <select {...control} value={form.colour} onChange={(e) => change({ colour: e.target.value as SiteColour })}>
                {COLOURS.map((colour) => (
                  <option key={colour} value={colour}>
                    {colour === 'none' ? 'None' : colour[0]!.toUpperCase() + colour.slice(1)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Bookmarks</legend>
        <BookmarksEditor bookmarks={form.bookmarks} errors={errors} onChange={(bookmarks) => change({ bookmarks })} />
      </fieldset>

      <fieldset className="form-section">
        <legend>Notes</legend>
        <Field label="Comments" error={errors.comments} wide>
          {(control) => <textarea {...control} rows={3} value={form.comments} onChange={(e) => change({ comments: e.target.value })} />}
        </Field>
      </fieldset>
    </>
  );
}
