/** A thin progress bar with its value for assistive technology. */

/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  /** 0–100. */
  percent: number;
  label: string;
  /** Colours the bar by state (done, failed, paused…). */
  tone?: string;
}

/** A progress bar (role="progressbar"). */
export function ProgressBar({ percent, label, tone }: ProgressBarProps) {
  return (
    <div
      className={`progress${tone ? ` progress--${tone}` : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
    >
      <div className="progress__fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
