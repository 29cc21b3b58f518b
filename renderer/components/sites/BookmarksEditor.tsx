/** A site's bookmarks: name, local folder and remote folder per row; add, edit, remove. */
import type { Bookmark } from '../../../shared/contract/sites';
import type { FieldErrors } from './api-errors';

/** Props of {@link BookmarksEditor}. */
export interface BookmarksEditorProps {
  bookmarks: Bookmark[];
  errors: FieldErrors;
  onChange(bookmarks: Bookmark[]): void;
}

/** See the module comment. */
export function BookmarksEditor({ bookmarks, errors, onChange }: BookmarksEditorProps) {
  const edit = (index: number, patch: Partial<Bookmark>): void => onChange(bookmarks.map((b, i) => (i === index ? { ...b, ...patch } : b)));
  const add = (): void => {
    const names = new Set(bookmarks.map((b) => b.name));
    let name = 'New bookmark';
    for (let n = 2; names.has(name); n++) name = `New bookmark (${n})`;
    onChange([...bookmarks, { name, localFolder: '', remoteFolder: '' }]);
  };
  return (
    <div className="bookmarks">
      {bookmarks.length === 0 ? (
        <p className="muted">No bookmarks. A bookmark opens a local and a remote folder together.</p>
      ) : (
        <table className="bookmarks__table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Local folder</th>
              <th scope="col">Remote folder</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bookmarks.map((bookmark, index) => (
              <tr key={index}>
                {(['name', 'localFolder', 'remoteFolder'] as const).map((key) => {
                  const error = errors[`bookmarks.${index}.${key}`];
                  const errorId = `bookmark-${index}-${key}-error`;
                  return (
                    <td key={key}>
                      <input
                        aria-label={`Bookmark ${index + 1} ${key === 'name' ? 'name' : key === 'localFolder' ? 'local folder' : 'remote folder'}`}
                        value={bookmark[key]}
                        spellCheck={false}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                        onChange={(e) => edit(index, { [key]: e.target.value })}
                      />
                      {error && (
                        <p id={errorId} className="form-field__error">
                          {error}
                        </p>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Remove bookmark ${bookmark.name || index + 1}`}
                    onClick={() => onChange(bookmarks.filter((_, i) => i !== index))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="small-button" onClick={add}>
        Add bookmark
      </button>
    </div>
  );
}
