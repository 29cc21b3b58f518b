/**
 * A draggable divider (role="separator"): drag it with the mouse, or focus it
 * and use the arrow keys (Shift for bigger steps, Home/End for the limits);
 * double-click or Enter resets it. The owner turns pixels moved into its value.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/** Props of {@link Splitter}. */
export interface SplitterProps {
  label: string;
  /**
   * `horizontal`: a bar between things above and below (moves up/down);
   * `vertical`: a bar between things side by side (moves left/right).
   */
  orientation: 'horizontal' | 'vertical';
  value: number;
  min: number;
  max: number;
  /** Spoken value, e.g. "240 pixels". */
  valueText?: string;
  /** One arrow key press, in the value's units (Shift: five times that). */
  step: number;
  /** Which arrow keys increase the value. */
  increaseWith: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
  className?: string;
  /** The value as shown, to move from when a drag or key press starts (default `value`). */
  current?(handle: HTMLElement): number;
  /** `pixels` moved since the drag began (right/down positive) and the value it started from. */
  onDrag(pixels: number, startValue: number): void;
  /** Sets the value directly (keyboard). */
  onChange(value: number): void;
  onReset(): void;
}

const OPPOSITE = { ArrowUp: 'ArrowDown', ArrowDown: 'ArrowUp', ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' } as const;

/** The divider. */
export function Splitter(props: SplitterProps) {
  const drag = useRef<{ start: number; value: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    const start = props.orientation === 'horizontal' ? event.clientY : event.clientX;
    drag.current = { start, value: props.current?.(event.currentTarget) ?? props.value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return;
    const at = props.orientation === 'horizontal' ? event.clientY : event.clientX;
    props.onDrag(at - drag.current.start, drag.current.value);
  };
  const endDrag = (): void => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = props.step * (event.shiftKey ? 5 : 1);
    const value = props.current?.(event.currentTarget) ?? props.value;
    let next: number | null = null;
    if (event.key === props.increaseWith) next = value + step;
    else if (event.key === OPPOSITE[props.increaseWith]) next = value - step;
    else if (event.key === 'Home') next = props.min;
    else if (event.key === 'End') next = props.max;
    else if (event.key === 'Enter') props.onReset();
    else return;
    // The list around a column handle must not also move its cursor.
    event.preventDefault();
    event.stopPropagation();
    if (next !== null) props.onChange(Math.min(props.max, Math.max(props.min, next)));
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={props.label}
      aria-orientation={props.orientation}
      aria-valuenow={Math.round(props.value)}
      aria-valuemin={Math.round(props.min)}
      aria-valuemax={Math.round(props.max)}
      aria-valuetext={props.valueText}
      title={`${props.label} (drag or use the arrow keys; double-click resets)`}
      className={`splitter splitter--${props.orientation}${props.className ? ` ${props.className}` : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
      onDoubleClick={(event) => {
        event.stopPropagation();
        props.onReset();
      }}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={onKeyDown}
    />
  );
}
