/**
 * Ferry's SFTP engine (ssh2): `connectSftp` opens a verified, logged-in SFTP session and
 * returns it as a `RemoteFs`. Runs under plain Node (no Electron).
 *
 * Files:
 * - connect.ts            the connection sequence, options, connect timer
 * - host-key-verifier.ts  ssh2's hostVerifier: known / ask / refuse, re-key check
 * - host-key-check.ts     the verdict from the trust store and known_hosts
 * - known-hosts.ts        read-only OpenSSH known_hosts (plain, patterns, hashed |1|)
 * - host-key-fingerprint.ts  `SHA256:…` fingerprints and key types, as OpenSSH prints them
 * - private-key.ts        key files: OpenSSH, PEM, PKCS#8, PuTTY v2; passphrases
 * - auth.ts               login method order, keyboard-interactive prompts, AUTH_FAILED text
 * - sftp-fs.ts            the RemoteFs: folders, listings, links, request watchdog
 * - request-window.ts     fast file streams with many requests in flight; read buffers lent (../chunk-lease.ts)
 * - entries.ts            SFTP attributes → RemoteEntry
 * - errors.ts             ssh2 / SFTP status → FerryError
 * - log.ts                the connection's log lines (connect-time lines replayed)
 * - measure.ts            throughput against OpenSSH's sftp (run by hand)
 */
export { connectSftp, type SftpConnectOptions } from './connect';
export type { PromptRequest } from './auth';
export type { PrivateKeySource } from './private-key';
export { hostKeyFingerprint } from './host-key-fingerprint';
