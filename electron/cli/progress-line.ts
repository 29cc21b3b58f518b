/** The one-line progress display of `ferry get`/`put` on a terminal. */
import type { BatchInfo } from '../../shared/contract/transfers';

/** Redraws one line on stderr (only when it is a terminal), at most ~10 times a second. */
export class ProgressLine {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly enabled: boolean,
  ) {}

  /** Shows the batch's files, bytes, rate and time left. */
  show(batch: BatchInfo): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const finished = batch.counts.done + batch.counts.skipped + batch.counts.failed;
    const eta = batch.etaSeconds === null ? '' : ` · ${formatDuration(batch.etaSeconds)} left`;
    const line = `${finished}/${batch.total} files · ${mb(batch.bytesDone)} / ${mb(batch.bytesTotal)} · ${mb(batch.rate)}/s${eta}`;
    this.out.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  /** Removes the line before the summary is printed. */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[2K');
    this.drawn = false;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
