/**
 * A TCP port that is free on 127.0.0.1 right now (the kernel picks it). Another process
 * may take it before the caller binds, so the server starters retry on "address in use".
 */
export declare function freePort(host?: '127.0.0.1' | '::1'): Promise<number>;
/** How to recognise that a server is ready. */
export interface BannerWait {
    host: string;
    port: number;
    /** The first bytes must match this, e.g. /^220[ -]/ for FTP or /^SSH-/ for SSH. */
    banner: RegExp;
    /** Wrap the connection in TLS first (implicit FTPS: the greeting comes after the handshake). */
    tls?: boolean;
    /** Give up after this many milliseconds (generous: CI machines are slow). */
    timeoutMs?: number;
    /** When this returns an error text, the server process has died: stop waiting and report it. */
    failure?: () => string | undefined;
}
/**
 * Polls until a connection to host:port yields a greeting that matches `banner`.
 * Resolves with the greeting; rejects with the process's own output if it dies first,
 * or after the deadline.
 */
export declare function waitForBanner(wait: BannerWait): Promise<string>;
