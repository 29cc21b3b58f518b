import type { FtpServerHandle, TestCertificate } from './types';
/** Options for {@link startVsftpd}. */
export interface VsftpdOptions {
    /**
     * 'explicit': AUTH TLS required for logins and data (force_local_logins_ssl +
     * force_local_data_ssl); 'implicit': TLS from the first byte (implicit_ssl). Default 'none'.
     */
    tls?: 'none' | 'explicit' | 'implicit';
    /** Data connections must resume the control connection's TLS session. Default true with TLS. */
    requireSslReuse?: boolean;
    /** Certificate to present; default a fresh self-signed one for 127.0.0.1. */
    certificate?: TestCertificate;
    /** Also allow anonymous login (read-only) into a separate folder, `handle.anonRoot`. */
    anonymous?: boolean;
    /** Listen on ::1 instead of 127.0.0.1. */
    ipv6?: boolean;
}
/** A running vsftpd; `anonRoot` is set when anonymous login is on. */
export type VsftpdHandle = FtpServerHandle & {
    /** Absolute local path of the anonymous user's (read-only) root, when `anonymous` is on. */
    anonRoot?: string;
};
/**
 * Starts vsftpd as configured and resolves once it sends its 220 greeting. Rejects with
 * vsftpd's own words ("500 OOPS: …") when it cannot start.
 */
export declare function startVsftpd(options?: VsftpdOptions): Promise<VsftpdHandle>;
/** Wraps an async function so every call after the first returns the first call's promise. */
export declare function onceAsync(fn: () => Promise<void>): () => Promise<void>;
