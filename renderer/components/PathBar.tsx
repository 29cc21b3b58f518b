/**
 * Back / forward / up / refresh and the folder a pane shows: a breadcrumb
 * that turns into a text field (click its empty part, the pencil, or Ctrl+L)
 * where a path can be typed; Enter opens it, Escape goes back.
 */
import type { MouseEvent } from 'react';
import type { PathSegment } from '../../shared/contract/local';
import { PathField } from './pane/PathField';

/** Props of {@link PathBar}. */
export interface PathBarProps {
  side: string;
  path: string | null;
  segments: readonly PathSegment[];
  canGoBack: boolean;
  canGoForward: boolean;
  canGoUp: boolean;
  /** The path is being typed. */
  editing: boolean;
  onOpen(path: string): void;
  onBack(): void;
  onForward(): void;
  onUp(): void;
  onRefresh(): void;
  onStartEditing(): void;
  onSubmitPath(text: string): void;
  onCancelEditing(refocus: boolean): void;
}

/** The navigation row at the top of a pane. */
export function PathBar(props: PathBarProps) {
  // Only the breadcrumb's empty space starts typing; its folder buttons navigate.
  const onBreadcrumbClick = (event: MouseEvent): void => {
    if (!(event.target as HTMLElement).closest('button')) props.onStartEditing();
  };
  return (
    <div className="path-bar">
      <div className="path-bar__buttons" role="toolbar" aria-label={`${props.side} navigation`}>
        <button type="button" aria-label="Back" title="Back (Alt+Left)" disabled={!props.canGoBack} onClick={props.onBack}>
          ←
        </button>
        <button type="button" aria-label="Forward" title="Forward (Alt+Right)" disabled={!props.canGoForward} onClick={props.onForward}>
          →
        </button>
        <button type="button" aria-label="Up" title="Up one folder (Backspace)" disabled={!props.canGoUp} onClick={props.onUp}>
          ↑
        </button>
        <button type="button" aria-label="Refresh" title="Refresh (F5)" onClick={props.onRefresh}>
          ⟳
        </button>
      </div>
      {props.editing ? (
        <PathField side={props.side} path={props.path ?? ''} onSubmit={props.onSubmitPath} onCancel={props.onCancelEditing} />
      ) : (
        <nav className="breadcrumb" aria-label={`${props.side} path`} title="Click here or press Ctrl+L to type a path" onClick={onBreadcrumbClick}>
          <ol>
            {props.segments.map((segment, index) => (
              <li key={segment.path}>
                <button
                  type="button"
                  onClick={() => props.onOpen(segment.path)}
                  aria-current={index === props.segments.length - 1 ? 'location' : undefined}
                >
                  {segment.name}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="breadcrumb__edit" aria-label={`Type a ${props.side.toLowerCase()} path`} title="Type a path (Ctrl+L)" onClick={props.onStartEditing}>
            ✎
          </button>
        </nav>
      )}
    </div>
  );
}
