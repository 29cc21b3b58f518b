/**
 * Names the engine makes up: "keep both" alternatives (`report (1).pdf`) and
 * the temporary names of files being transferred.
 */

/** File names longer than this many bytes are refused by most file systems. */
const NAME_MAX_BYTES = 255;
/** Suffix of every temporary file Ferry writes; only files with it (and a resume record) are ever resumed. */
export const PART_SUFFIX = '.ferry-part';

/** `report.pdf` → `report (n).pdf`; `.bashrc` → `.bashrc (n)`; `notes` → `notes (n)`. */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${name} (${n})`;
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
}

/**
 * The first `numberedName(name, n)` for which `taken` says no. Gives up after
 * `limit` tries (a folder with 10,000 copies of one name is not worth more).
 */
export async function firstFreeName(
  name: string,
  taken: (candidate: string) => Promise<boolean>,
  limit = 10_000,
): Promise<string | null> {
  for (let n = 1; n <= limit; n++) {
    const candidate = numberedName(name, n);
    if (!(await taken(candidate))) return candidate;
  }
  return null;
}

/**
 * The temporary name for item `id`'s file `name`: `name.<id>.ferry-part`. The
 * id keeps two transfers of the same name apart. A name too long for the file
 * system is shortened (whole characters only) so the temporary name still fits.
 */
export function temporaryName(name: string, id: number): string {
  const suffix = `.${id}${PART_SUFFIX}`;
  const room = NAME_MAX_BYTES - Buffer.byteLength(suffix);
  let base = name;
  while (Buffer.byteLength(base) > room) base = [...base].slice(0, -1).join('');
  return `${base}${suffix}`;
}
