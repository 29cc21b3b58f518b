/**
 * The activity log: every command, reply and status line, coloured by kind,
 * filterable by kind and text, copyable. Passwords arrive already masked.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogLine } from '../../shared/contract/app';
import { clearLog, setLogSearch, useActivityLog } from '../store/activity-log';

const LEVELS: LogLine['level'][] = ['status', 'command', 'response', 'warning', 'error'];
const ROW = 20;

/** The log panel. */
export function ActivityLog() {
  const lines = useActivityLog((s) => s.lines);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const search = useActivityLog((s) => s.search);
  const visible = useMemo(() => {
    const needle = search.toLowerCase();
    return lines.filter((line) => !hidden.has(line.level) && (!needle || line.text.toLowerCase().includes(needle)));
  }, [lines, hidden, search]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: visible.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 20 });

  // Follow the newest line, as a terminal does.
  useEffect(() => {
    if (visible.length > 0) virtualizer.scrollToIndex(visible.length - 1);
  }, [visible.length, virtualizer]);

  const toggle = (level: string): void => {
    const next = new Set(hidden);
    if (next.has(level)) next.delete(level);
    else next.add(level);
    setHidden(next);
  };
  const copy = (): void => void navigator.clipboard?.writeText(visible.map(format).join('\n'));

  return (
    <div className="activity-log">
      <div className="activity-log__tools">
        {LEVELS.map((level) => (
          <label key={level} className={`level-toggle level--${level}`}>
            <input type="checkbox" checked={!hidden.has(level)} onChange={() => toggle(level)} />
            {level}
          </label>
        ))}
        <input type="search" aria-label="Search the log" placeholder="Search" value={search} onChange={(e) => setLogSearch(e.target.value)} />
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={clearLog}>
          Clear
        </button>
      </div>
      <div className="activity-log__lines" ref={scroller} role="log" aria-label="Activity log" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = visible[item.index]!;
            return (
              <div key={item.key} className={`log-line level--${line.level}`} style={{ transform: `translateY(${item.start}px)` }}>
                <time>{new Date(line.time).toLocaleTimeString(undefined, { hour12: false })}</time>
                <span className="log-line__kind">{line.level}</span>
                <span className="log-line__text">{line.text}</span>
              </div>
            );
          })}
        </div>
        {visible.length === 0 && <p className="queue__empty">Nothing logged yet.</p>}
      </div>
    </div>
  );
}

function format(line: LogLine): string {
  return `${new Date(line.time).toISOString()} ${line.level.padEnd(8)} ${line.source} ${line.text}`;
}
