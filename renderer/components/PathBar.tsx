/** Back / forward / up / refresh and the breadcrumb of the folder a pane shows. */
import type { PathSegment } from '../../shared/contract/local';

/** Props of {@link PathBar}. */
export interface PathBarProps {
  side: string;
  segments: readonly PathSegment[];
  canGoBack: boolean;
  canGoForward: boolean;
  canGoUp: boolean;
  onOpen(path: string): void;
  onBack(): void;
  onForward(): void;
  onUp(): void;
  onRefresh(): void;
}

/** The navigation row at the top of a pane. */
export function PathBar(props: PathBarProps) {
  return (
    <div className="path-bar">
      <div className="path-bar__buttons" role="toolbar" aria-label={`${props.side} navigation`}>
        <button type="button" aria-label="Back" title="Back" disabled={!props.canGoBack} onClick={props.onBack}>
          ←
        </button>
        <button type="button" aria-label="Forward" title="Forward" disabled={!props.canGoForward} onClick={props.onForward}>
          →
        </button>
        <button type="button" aria-label="Up" title="Up one folder (Backspace)" disabled={!props.canGoUp} onClick={props.onUp}>
          ↑
        </button>
        <button type="button" aria-label="Refresh" title="Refresh (F5)" onClick={props.onRefresh}>
          ⟳
        </button>
      </div>
      <nav className="breadcrumb" aria-label={`${props.side} path`}>
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
      </nav>
    </div>
  );
}
