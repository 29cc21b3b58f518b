import { describe, expect, it } from 'vitest';
import { formatOctal, hasPermission, modeFromPermissions, parseOctal, PERMISSION_WHAT, PERMISSION_WHO, withPermission } from './permissions';

describe('permission checkboxes and the octal value', () => {
  it('reads every checkbox from a mode', () => {
    const ticked = PERMISSION_WHO.flatMap((who) => PERMISSION_WHAT.filter((what) => hasPermission(0o754, who, what)).map((what) => `${who} ${what}`));
    expect(ticked).toEqual(['owner read', 'owner write', 'owner execute', 'group read', 'group execute', 'public read']);
  });

  it('changes one bit per checkbox and keeps the special bits', () => {
    expect(formatOctal(withPermission(0o644, 'group', 'write', true))).toBe('664');
    expect(formatOctal(withPermission(0o755, 'public', 'execute', false))).toBe('754');
    expect(formatOctal(withPermission(0o4755, 'owner', 'execute', false))).toBe('4655');
    expect(withPermission(0o600, 'owner', 'read', true)).toBe(0o600);
  });

  it('round-trips every 9-bit mode through checkboxes and octal text', () => {
    for (let mode = 0; mode <= 0o777; mode++) {
      let rebuilt = 0;
      for (const who of PERMISSION_WHO) for (const what of PERMISSION_WHAT) rebuilt = withPermission(rebuilt, who, what, hasPermission(mode, who, what));
      expect(rebuilt).toBe(mode);
      expect(parseOctal(formatOctal(mode))).toBe(mode);
    }
  });

  it('parses octal text and rejects anything else', () => {
    expect(parseOctal('755')).toBe(0o755);
    expect(parseOctal(' 0644 ')).toBe(0o644);
    expect(parseOctal('7')).toBe(0o7);
    expect(parseOctal('1777')).toBe(0o1777);
    for (const bad of ['', '8', '12345', '7a5', '-1', '0x1ff']) expect(parseOctal(bad)).toBeNull();
    expect(formatOctal(0o5)).toBe('005');
    expect(formatOctal(0o1777)).toBe('1777');
  });

  it('reads ls-style permission text, with or without the type letter', () => {
    expect(modeFromPermissions('rwxr-xr-x')).toBe(0o755);
    expect(modeFromPermissions('drw-r-----')).toBe(0o640);
    expect(modeFromPermissions('rwsr-xr-x')).toBe(0o4755);
    expect(modeFromPermissions('rw-r-Sr--')).toBe(0o2644);
    expect(modeFromPermissions('rwxrwxrwt')).toBe(0o1777);
    for (const other of [null, '', 'RW', 'rwxr-xr-xx', 'read-only']) expect(modeFromPermissions(other)).toBeNull();
  });
});
