/** Unix permissions as `ls -l` prints them (`rwxr-sr-t`) and as mode bits (`0o2755`). */

/**
 * Mode bits of a 9-character `ls` permission string, including setuid, setgid and
 * sticky from `s`/`S`/`t`/`T` (and `l`/`L`, mandatory locking, which is setgid
 * without group execute). `null` when the string is not one.
 */
export function permissionsToMode(permissions: string): number | null {
  if (permissions.length !== 9) return null;
  let mode = 0;
  for (let group = 0; group < 3; group++) {
    const shift = (2 - group) * 3;
    const read = permissions[group * 3];
    const write = permissions[group * 3 + 1];
    const exec = permissions[group * 3 + 2];
    if (read === 'r') mode |= 4 << shift;
    else if (read !== '-') return null;
    if (write === 'w') mode |= 2 << shift;
    else if (write !== '-') return null;
    const special = group === 0 ? 0o4000 : group === 1 ? 0o2000 : 0o1000;
    const specialLetter = group === 2 ? 't' : 's';
    switch (exec) {
      case 'x':
        mode |= 1 << shift;
        break;
      case '-':
        break;
      case specialLetter:
        mode |= special | (1 << shift);
        break;
      case specialLetter.toUpperCase():
        mode |= special;
        break;
      case 'l':
      case 'L':
        if (group !== 1) return null;
        mode |= special;
        break;
      default:
        return null;
    }
  }
  return mode;
}

/** The `rwxr-xr-x` string of mode bits (file-type bits are ignored). */
export function modeToPermissions(mode: number): string {
  let text = '';
  for (let group = 0; group < 3; group++) {
    const shift = (2 - group) * 3;
    const bits = (mode >> shift) & 7;
    const special = mode & (group === 0 ? 0o4000 : group === 1 ? 0o2000 : 0o1000);
    const letter = group === 2 ? 't' : 's';
    text += bits & 4 ? 'r' : '-';
    text += bits & 2 ? 'w' : '-';
    if (special) text += bits & 1 ? letter : letter.toUpperCase();
    else text += bits & 1 ? 'x' : '-';
  }
  return text;
}
