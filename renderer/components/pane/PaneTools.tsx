/** A pane's second row: filter-as-you-type, the hidden-files switch, and New folder. */
import type { KeyboardEvent } from 'react';

/** Props of {@link PaneTools}. */
export interface PaneToolsProps {
  side: string;
  filter: string;
  showHidden: boolean;
  /** The folder is listed (there is somewhere to create a folder). */
  ready: boolean;
  onFilter(text: string): void;
  onShowHidden(show: boolean): void;
  onCreateFolder(): void;
  /** Moves focus into the list (Enter or ↓ in the filter). */
  onFocusList(): void;
}

/** The tools row. */
export function PaneTools(props: PaneToolsProps) {
  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape' && props.filter !== '') {
      event.preventDefault();
      props.onFilter('');
    } else if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      props.onFocusList();
    }
  };
  return (
    <div className="pane-tools" role="toolbar" aria-label={`${props.side} tools`}>
      <input
        type="search"
        className="pane-tools__filter"
        aria-label={`Filter ${props.side.toLowerCase()} files`}
        placeholder="Filter by name"
        value={props.filter}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => props.onFilter(event.target.value)}
        onKeyDown={onFilterKey}
      />
      <button
        type="button"
        className="toggle"
        aria-pressed={props.showHidden}
        title={props.showHidden ? 'Hide files whose names start with a dot' : 'Show files whose names start with a dot'}
        onClick={() => props.onShowHidden(!props.showHidden)}
      >
        <span aria-hidden="true" className="toggle__light" />
        Show hidden files
      </button>
      <button type="button" className="tool-button" title="Create folder (F7)" disabled={!props.ready} onClick={props.onCreateFolder}>
        <span aria-hidden="true" className="icon icon--folder icon--new" />
        New folder
      </button>
    </div>
  );
}
