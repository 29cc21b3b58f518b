/**
 * What the server says it supports: the FEAT reply (RFC 2389) and what Ferry reads from it.
 */
import type { FtpReply } from './reply';
import type { RemoteHash } from '../remote-fs';

/** Feature name (upper case) → its parameters (`MLST` → `type*;size*;modify*;`). */
export type FeatureSet = ReadonlyMap<string, string>;

/**
 * Reads a 211 FEAT reply: every line between the first and the last that starts
 * with a space names one feature. A refused FEAT (500/502) means no features.
 */
export function parseFeatures(reply: FtpReply): Map<string, string> {
  const features = new Map<string, string>();
  if (reply.code !== 211) return features;
  for (const line of reply.lines.slice(1, -1)) {
    const trimmed = line.trim();
    if (trimmed === '' || /^\d{3}[ -]/.test(line)) continue;
    const space = trimmed.indexOf(' ');
    const name = (space === -1 ? trimmed : trimmed.slice(0, space)).toUpperCase();
    features.set(name, space === -1 ? '' : trimmed.slice(space + 1).trim());
  }
  return features;
}

/** The hash algorithms of a FEAT `HASH` line (`SHA-256;SHA-1*;MD5`), and the selected one (`*`). */
export function parseHashFeature(value: string): { algorithms: string[]; selected: string | null } {
  let selected: string | null = null;
  const algorithms = value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const name = part.replace(/\*$/, '').toUpperCase();
      if (part.endsWith('*')) selected = name;
      return name;
    });
  return { algorithms, selected };
}

/** MLSD facts Ferry reads (RFC 3659 §7.5 and the UNIX.* facts), in the order it asks for them. */
const WANTED_MLST_FACTS = ['type', 'size', 'modify', 'perm', 'unique', 'unix.mode', 'unix.owner', 'unix.group', 'unix.uid', 'unix.gid'];

/**
 * The argument for `OPTS MLST` that turns on every fact Ferry reads and the server
 * offers, or null when they are all on already (or the server lists no MLST facts).
 * FEAT marks the facts currently on with `*`: `MLST type*;size*;modify*;unix.mode;`.
 */
export function mlstFactsToRequest(features: FeatureSet): string | null {
  const value = features.get('MLST');
  if (!value) return null;
  const offered = value
    .split(';')
    .map((fact) => fact.trim())
    .filter((fact) => fact !== '');
  const on = new Set(offered.filter((f) => f.endsWith('*')).map((f) => f.slice(0, -1).toLowerCase()));
  const available = new Set(offered.map((f) => f.replace(/\*$/, '').toLowerCase()));
  const wanted = WANTED_MLST_FACTS.filter((fact) => available.has(fact));
  if (wanted.length === 0 || wanted.every((fact) => on.has(fact))) return null;
  return `MLST ${wanted.join(';')};`;
}

/** What a connection can do, for the transfer engine. */
export interface FtpCapabilities {
  /** MLSD / MLST listings (machine-readable, UTC times). */
  mlsd: boolean;
  /** SIZE. */
  size: boolean;
  /** MDTM (read a modification time). */
  mdtm: boolean;
  /** MFMT (set a modification time after an upload). */
  mfmt: boolean;
  /** REST STREAM (resume). Servers without the FEAT line often still accept REST. */
  restStream: boolean;
  /** UTF8 (RFC 2640). */
  utf8: boolean;
  /** Server-side checksums Ferry can ask for, best first. */
  hashAlgorithms: RemoteHash['algorithm'][];
}

/** Reads {@link FtpCapabilities} from a feature set. */
export function capabilitiesOf(features: FeatureSet): FtpCapabilities {
  return {
    mlsd: features.has('MLST') || features.has('MLSD'),
    size: features.has('SIZE'),
    mdtm: features.has('MDTM'),
    mfmt: features.has('MFMT'),
    restStream: /\bSTREAM\b/i.test(features.get('REST') ?? ''),
    utf8: features.has('UTF8'),
    hashAlgorithms: hashAlgorithmsOf(features),
  };
}

const HASH_PREFERENCE: RemoteHash['algorithm'][] = ['SHA-256', 'SHA-1', 'MD5', 'CRC32'];
const X_COMMANDS: Record<string, RemoteHash['algorithm']> = { XSHA256: 'SHA-256', XSHA1: 'SHA-1', XMD5: 'MD5', XCRC: 'CRC32' };

function hashAlgorithmsOf(features: FeatureSet): RemoteHash['algorithm'][] {
  const available = new Set<string>();
  const hash = features.get('HASH');
  if (hash !== undefined) for (const name of parseHashFeature(hash).algorithms) available.add(name);
  for (const [command, algorithm] of Object.entries(X_COMMANDS)) if (features.has(command)) available.add(algorithm);
  return HASH_PREFERENCE.filter((algorithm) => available.has(algorithm));
}
