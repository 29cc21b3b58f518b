/**
 * Ferry's SFTP engine (ssh2): `connectSftp` opens a verified, logged-in SFTP session and
 * returns it as a `RemoteFs`. Runs under plain Node (no Electron).
 */
export { connectSftp, type SftpConnectOptions } from './connect';
export type { PromptRequest } from './auth';
export type { PrivateKeySource } from './private-key';
export { hostKeyFingerprint } from './host-key-fingerprint';
