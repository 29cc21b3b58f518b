/**
 * Unix permissions as the permissions dialog shows them: owner / group /
 * public × read / write / execute checkboxes and the octal number, kept in
 * step both ways.
 */

/** Whose permission. */
export type PermissionWho = 'owner' | 'group' | 'public';
/** Which permission. */
export type PermissionWhat = 'read' | 'write' | 'execute';

export const PERMISSION_WHO: readonly PermissionWho[] = ['owner', 'group', 'public'];
export const PERMISSION_WHAT: readonly PermissionWhat[] = ['read', 'write', 'execute'];

const SHIFT: Record<PermissionWho, number> = { owner: 6, group: 3, public: 0 };
const BIT: Record<PermissionWhat, number> = { read: 4, write: 2, execute: 1 };

/** The mode bit for one checkbox: owner read is 0o400. */
export function permissionBit(who: PermissionWho, what: PermissionWhat): number {
  return BIT[what] << SHIFT[who];
}

/** Whether the checkbox for `who`/`what` is ticked in `mode`. */
export function hasPermission(mode: number, who: PermissionWho, what: PermissionWhat): boolean {
  return (mode & permissionBit(who, what)) !== 0;
}

/** `mode` with one checkbox changed; other bits (setuid, sticky…) stay as they are. */
export function withPermission(mode: number, who: PermissionWho, what: PermissionWhat, on: boolean): number {
  const bit = permissionBit(who, what);
  return on ? mode | bit : mode & ~bit;
}

/** `0o755` → `"755"`; four digits when setuid, setgid or sticky is set (`"4755"`). */
export function formatOctal(mode: number): string {
  const text = (mode & 0o7777).toString(8);
  return mode & 0o7000 ? text.padStart(4, '0') : text.padStart(3, '0');
}

/** `"755"` or `"0644"` → the mode; `null` when the text is not 1–4 octal digits. */
export function parseOctal(text: string): number | null {
  const trimmed = text.trim();
  return /^[0-7]{1,4}$/.test(trimmed) ? parseInt(trimmed, 8) : null;
}

/**
 * `"rwxr-xr-x"` (or `ls`'s `"drwsr-xr-T"` with the type letter) → the mode,
 * including setuid/setgid/sticky; `null` for text that is not Unix
 * permissions (some servers report their own).
 */
export function modeFromPermissions(text: string | null | undefined): number | null {
  if (!text) return null;
  const bits = text.length === 10 ? text.slice(1) : text;
  if (!/^[r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]$/.test(bits)) return null;
  let mode = 0;
  PERMISSION_WHO.forEach((who, group) => {
    PERMISSION_WHAT.forEach((what, place) => {
      const char = bits[group * 3 + place]!;
      if (char !== '-' && char !== 'S' && char !== 'T') mode |= permissionBit(who, what);
    });
  });
  const special = (index: number, bit: number): void => {
    if ('sStT'.includes(bits[index]!)) mode |= bit;
  };
  special(2, 0o4000);
  special(5, 0o2000);
  special(8, 0o1000);
  return mode;
}
