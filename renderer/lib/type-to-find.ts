/**
 * Type-to-find in a file list: letters typed in quick succession jump to the
 * first name that starts with them, as in every file manager.
 */

/** Keys typed further apart than this start a new search. */
export const TYPE_TO_FIND_PAUSE_MS = 1000;

/**
 * The index of the row to jump to for `query`, or -1. `from` is the cursor row
 * (-1 for none); the search wraps around and ignores case. One letter, or the
 * same letter again (`"rr"`), moves to the NEXT name starting with it, cycling
 * as Explorer does; a longer query (`"rep"`) may stay on the cursor row, since
 * it only narrows what was already found.
 */
export function findTypedMatch(names: readonly string[], query: string, from: number): number {
  if (query === '' || names.length === 0) return -1;
  const lower = query.toLocaleLowerCase();
  const letters = [...lower];
  const cycling = letters.every((c) => c === letters[0]);
  const prefix = cycling ? letters[0]! : lower;
  const start = cycling ? from + 1 : Math.max(0, from);
  for (let step = 0; step < names.length; step++) {
    const index = (start + step) % names.length;
    if (names[index]!.toLocaleLowerCase().startsWith(prefix)) return index;
  }
  return -1;
}

/** The typed-so-far text: `key` appended, or a fresh start after a pause. */
export function nextQuery(previous: { text: string; at: number }, key: string, now: number): { text: string; at: number } {
  const fresh = now - previous.at > TYPE_TO_FIND_PAUSE_MS;
  return { text: fresh ? key : previous.text + key, at: now };
}
