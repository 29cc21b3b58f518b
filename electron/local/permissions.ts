/** Unix permission bits as the `rwxr-xr-x` text users read. */

/** `0o755` → `rwxr-xr-x`, with setuid/setgid/sticky shown as s/S and t/T like `ls`. */
export function formatPermissions(mode: number): string {
  const triplet = (shift: number, special: boolean, specialChar: string): string => {
    const r = mode & (4 << shift) ? 'r' : '-';
    const w = mode & (2 << shift) ? 'w' : '-';
    const executable = (mode & (1 << shift)) !== 0;
    const x = special ? (executable ? specialChar : specialChar.toUpperCase()) : executable ? 'x' : '-';
    return r + w + x;
  };
  return (
    triplet(6, (mode & 0o4000) !== 0, 's') + triplet(3, (mode & 0o2000) !== 0, 's') + triplet(0, (mode & 0o1000) !== 0, 't')
  );
}
