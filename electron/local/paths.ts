/** Local path helpers that the renderer cannot do itself (it does not know the platform). */
import path from 'node:path';
import type { PathSegment } from '../../shared/contract/local';

/** The parent folder of `p`, or `null` at a root. */
export function parentOf(p: string): string | null {
  const resolved = path.resolve(p);
  const parent = path.dirname(resolved);
  return parent === resolved ? null : parent;
}

/** Breadcrumb steps from the root down to `p`, each with its full path. */
export function segmentsOf(p: string): PathSegment[] {
  const resolved = path.resolve(p);
  const steps: PathSegment[] = [];
  for (let current: string | null = resolved; current !== null; current = parentOf(current)) {
    steps.push({ name: path.basename(current) || current, path: current });
  }
  return steps.reverse();
}

/**
 * `base` joined with one entry name. The name must be a single component, so
 * a renderer cannot walk out of a listed folder by sending `../..`.
 */
export function joinEntry(base: string, name: string): string | null {
  if (name === '.' || name === '..' || name.includes('/') || name.includes('\0')) return null;
  if (path.sep === '\\' && name.includes('\\')) return null;
  return path.join(path.resolve(base), name);
}
