/**
 * Synchronized browsing works on breadcrumb steps rather than path strings,
 * so local (`C:\…` or `/…`) and remote (`/…`) paths need no common syntax.
 */
import type { PathSegment } from '../../shared/contract/local';

/**
 * The folder names leading from `root` down to `current` (`[]` when they are
 * the same folder), or `null` when `current` is not inside `root`.
 */
export function stepsBelow(root: readonly PathSegment[], current: readonly PathSegment[]): string[] | null {
  const top = root.at(-1);
  if (!top || current.length < root.length) return null;
  if (current[root.length - 1]!.path !== top.path) return null;
  return current.slice(root.length).map((segment) => segment.name);
}
