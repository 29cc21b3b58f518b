/**
 * Real FTP, FTPS and SFTP servers on loopback for integration tests, e2e fixtures and
 * the benchmark. Needs root and the Debian packages vsftpd, python3-pyftpdlib,
 * python3-openssl, openssh-server and openssl.
 */
export type { FtpServerHandle, SshServerHandle, TestCertificate } from './types';
export { makeSelfSignedCertificate } from './certificate';
export { freePort } from './ports';
export { sweepAbandonedTempDirs } from './temp-dirs';
export { ensureTestUser, giveToTestUser } from './test-user';
export { startVsftpd, type VsftpdOptions, type VsftpdHandle } from './vsftpd';
export { startPyftpdlib, type PyftpdlibOptions } from './pyftpdlib';
export { startSshd, type SshdOptions, type SshdHandle } from './sshd';
export { makeSshHostKey } from './ssh-keys';
