/** How sizes and dates read in Ferry: human first, exact on hover. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** `15.2 MB`-style size (powers of 1000, as file managers show). */
export function humanSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}

/** `1,234,567 bytes`. */
export function exactSize(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/** "Today 07:55", "Yesterday 18:02", "3 Mar 14:10" this year, "3 Mar 2023" before. */
export function friendlyDate(ms: number, now: Date = new Date()): string {
  const date = new Date(ms);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (ms >= startOfToday && ms < startOfToday + 86_400_000) return `Today ${time}`;
  if (ms >= startOfToday - 86_400_000 && ms < startOfToday) return `Yesterday ${time}`;
  const dayMonth = date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  if (date.getFullYear() === now.getFullYear()) return `${dayMonth} ${time}`;
  return `${dayMonth} ${date.getFullYear()}`;
}

/** Full ISO timestamp for the tooltip. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** "5,000 files, 48.8 KB" style count. */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}
