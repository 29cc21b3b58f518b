/**
 * Which host names count as this machine. Browser mode only answers requests
 * addressed to one of these, which defeats DNS rebinding: an attacker's page
 * can make its own domain resolve to 127.0.0.1, but the browser still sends
 * that domain in the `Host` header.
 */
import net from 'node:net';

/** True for `localhost`, any 127.0.0.0/8 address and `::1` (with or without brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}

/** Splits a `Host` header into host name and port; `null` when it is malformed. */
export function parseHostHeader(header: string | undefined): { hostname: string; port: string } | null {
  if (!header) return null;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s]+)(?::(\d{1,5}))?$/.exec(header);
  if (!match) return null;
  return { hostname: match[1]!, port: match[2] ?? '80' };
}
