/** Checks a name the user typed for a new folder or a rename, before asking the back end. */

/** Why `name` cannot be a file or folder name, or `null` when it can. The back end checks again. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'Enter a name.';
  if (name === '.' || name === '..') return 'A name cannot be "." or "..".';
  if (name.includes('/')) return 'A name cannot contain "/".';
  if (name.includes('\0')) return 'A name cannot contain a NUL character.';
  if (new TextEncoder().encode(name).length > 255) return 'The name is too long (at most 255 bytes).';
  return null;
}

/**
 * The part of a name to pre-select when renaming: the name without its
 * extension (`report` of `report.pdf`), so typing replaces just that.
 */
export function baseNameRange(name: string): [number, number] {
  const dot = name.lastIndexOf('.');
  return [0, dot > 0 ? dot : name.length];
}
