/**
 * Remote paths are always `/`-separated and absolute, whatever the local
 * platform, so the renderer and the main process can both work with them.
 */
import type { PathSegment } from '../contract/local';

/** `/a/b` + `c` → `/a/b/c`. `name` must be one component (a listed entry's name). */
export function joinRemote(folder: string, name: string): string {
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

/** Collapses `//`, `.` and `..` in an absolute remote path. `..` never climbs above `/`. */
export function normalizeRemote(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** The folder holding `path`, or `null` for `/`. */
export function parentOfRemote(path: string): string | null {
  const normal = normalizeRemote(path);
  if (normal === '/') return null;
  const cut = normal.lastIndexOf('/');
  return cut === 0 ? '/' : normal.slice(0, cut);
}

/** The last component of `path` (`''` for `/`). */
export function baseNameRemote(path: string): string {
  const normal = normalizeRemote(path);
  return normal.slice(normal.lastIndexOf('/') + 1);
}

/** Breadcrumb steps from `/` down to `path`. */
export function segmentsOfRemote(path: string): PathSegment[] {
  const steps: PathSegment[] = [{ name: '/', path: '/' }];
  let current = '';
  for (const part of normalizeRemote(path).split('/').filter(Boolean)) {
    current += `/${part}`;
    steps.push({ name: part, path: current });
  }
  return steps;
}
