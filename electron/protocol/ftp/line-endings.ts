/**
 * ASCII mode (TYPE A): on the wire, lines end in CRLF (RFC 959 §3.1.1.1); on disk
 * they end in the local convention. The client converts on its side, so on Unix an
 * upload turns LF into CRLF and a download turns CRLF into LF. On Windows the local
 * convention is CRLF already and nothing changes.
 *
 * Conversions are stateful: a CR at the end of one chunk may pair with an LF at the
 * start of the next.
 */

const CR = 0x0d;
const LF = 0x0a;

/** Converts a stream of local bytes into wire bytes (bare LF → CRLF). */
export class ToWireLineEndings {
  private lastWasCr = false;

  convert(chunk: Buffer): Buffer {
    let extra = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === LF && !(i === 0 ? this.lastWasCr : chunk[i - 1] === CR)) extra++;
    }
    if (extra === 0) {
      if (chunk.length > 0) this.lastWasCr = chunk[chunk.length - 1] === CR;
      return chunk;
    }
    const out = Buffer.allocUnsafe(chunk.length + extra);
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === LF && !(i === 0 ? this.lastWasCr : chunk[i - 1] === CR)) out[o++] = CR;
      out[o++] = byte;
    }
    this.lastWasCr = chunk[chunk.length - 1] === CR;
    return out;
  }
}

/** Converts a stream of wire bytes into local bytes (CRLF → LF); a lone CR is kept. */
export class FromWireLineEndings {
  /** A CR held back from the previous chunk, waiting to see whether an LF follows. */
  private heldCr = false;

  convert(chunk: Buffer): Buffer {
    const out = Buffer.allocUnsafe(chunk.length + 1);
    let o = 0;
    let i = 0;
    if (this.heldCr) {
      this.heldCr = false;
      if (chunk[0] !== LF) out[o++] = CR;
    }
    for (; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === CR) {
        if (i === chunk.length - 1) {
          this.heldCr = true;
          continue;
        }
        if (chunk[i + 1] === LF) continue;
      }
      out[o++] = byte;
    }
    return out.subarray(0, o);
  }

  /** What is still held back at the end of the stream (a final lone CR). */
  flush(): Buffer {
    if (!this.heldCr) return Buffer.alloc(0);
    this.heldCr = false;
    return Buffer.from([CR]);
  }
}

/** Whether this machine stores text with CRLF (then no conversion is needed). */
export const LOCAL_USES_CRLF = process.platform === 'win32';
