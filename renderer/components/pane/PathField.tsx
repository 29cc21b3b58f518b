/** The breadcrumb's text form: the current path, selected, ready to be typed over. */
import { useEffect, useRef, type KeyboardEvent } from 'react';

/** Props of {@link PathField}. */
export interface PathFieldProps {
  side: string;
  path: string;
  onSubmit(text: string): void;
  /** `refocus`: Escape, so focus goes back to the list (not after a click elsewhere). */
  onCancel(refocus: boolean): void;
}

/** The path field. */
export function PathField({ side, path, onSubmit, onCancel }: PathFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // Typing a path is text editing: keys must not reach the pane's shortcuts.
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      onSubmit(event.currentTarget.value);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel(true);
    }
  };
  return (
    <input
      ref={input}
      className="path-field mono"
      aria-label={`${side} path`}
      defaultValue={path}
      spellCheck={false}
      autoComplete="off"
      onKeyDown={onKeyDown}
      onBlur={() => onCancel(false)}
    />
  );
}
