/**
 * The addresses of data connections as FTP writes them: the replies to PASV (227)
 * and EPSV (229, RFC 2428), and the arguments of PORT and EPRT.
 */
import net from 'node:net';
import { FerryError } from '../../../shared/errors';

/** A host and port, as parsed from or written into a command. */
export interface HostPort {
  host: string;
  port: number;
}

/**
 * Reads a 227 reply: `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2).` (the
 * parentheses are optional on some servers). PROTOCOL_ERROR when it holds no address.
 */
export function parsePasvReply(text: string): HostPort {
  const match = /(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3})/.exec(text);
  const numbers = match?.slice(1, 7).map(Number);
  if (!numbers || numbers.some((n) => n > 255)) {
    throw new FerryError('PROTOCOL_ERROR', 'The server sent a passive-mode reply without a valid address.', text);
  }
  const [h1, h2, h3, h4, p1, p2] = numbers as [number, number, number, number, number, number];
  const port = p1 * 256 + p2;
  if (port === 0) throw new FerryError('PROTOCOL_ERROR', 'The server sent a passive-mode reply with port 0.', text);
  return { host: `${h1}.${h2}.${h3}.${h4}`, port };
}

/**
 * Reads a 229 reply: `229 Entering Extended Passive Mode (|||6446|)`. The delimiter
 * may be any printable character (RFC 2428 §3); the address fields are empty.
 */
export function parseEpsvReply(text: string): number {
  const match = /\(([!-~])\1\1(\d{1,5})\1\)/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new FerryError('PROTOCOL_ERROR', 'The server sent an extended passive-mode reply without a valid port.', text);
  }
  return port;
}

/** The PORT argument for an IPv4 address: `127,0,0,1,195,80`. */
export function formatPortArgument({ host, port }: HostPort): string {
  const ipv4 = unmapIpv4(host);
  if (!net.isIPv4(ipv4)) {
    throw new FerryError('UNSUPPORTED', `PORT cannot express the address ${host}; active mode over IPv6 needs EPRT.`);
  }
  return `${ipv4.split('.').join(',')},${Math.floor(port / 256)},${port % 256}`;
}

/** The EPRT argument (RFC 2428): `|1|127.0.0.1|50000|` or `|2|::1|50000|`. */
export function formatEprtArgument({ host, port }: HostPort): string {
  const address = unmapIpv4(host);
  const family = net.isIPv4(address) ? 1 : net.isIPv6(address) ? 2 : 0;
  if (family === 0) throw new FerryError('INVALID_INPUT', `"${host}" is not an IP address for active mode.`);
  return `|${family}|${address}|${port}|`;
}

/** Parses a PORT argument (the inverse of {@link formatPortArgument}); for tests and the fault server. */
export function parsePortArgument(text: string): HostPort {
  return parsePasvReply(text);
}

/** Parses an EPRT argument (the inverse of {@link formatEprtArgument}). */
export function parseEprtArgument(text: string): HostPort {
  const trimmed = text.trim();
  const delimiter = trimmed[0] ?? '';
  const parts = trimmed.split(delimiter);
  // "|2|::1|5000|" splits into ['', '2', '::1', '5000', ''].
  const [before, family, host = '', portText, after] = parts;
  const port = Number(portText);
  const valid =
    parts.length === 5 && before === '' && after === '' && /^[!-~]$/.test(delimiter) &&
    ((family === '1' && net.isIPv4(host)) || (family === '2' && net.isIPv6(host))) &&
    Number.isInteger(port) && port >= 1 && port <= 65535;
  if (!valid) throw new FerryError('PROTOCOL_ERROR', `"${text}" is not a valid EPRT argument.`);
  return { host, port };
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; anything else unchanged. */
export function unmapIpv4(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1] ?? address;
}

/** True when two socket addresses are the same host (IPv4-mapped forms compared as IPv4). */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return unmapIpv4(a).toLowerCase() === unmapIpv4(b).toLowerCase();
}
