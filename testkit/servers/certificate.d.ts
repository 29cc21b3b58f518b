import type { TestCertificate } from './types';
/**
 * A fresh self-signed RSA certificate valid for a year, CN=`commonName` (default 127.0.0.1)
 * with subjectAltName IP:127.0.0.1 and IP:::1 (plus DNS:`commonName` when it is a name).
 * Files live in their own temp folder (readable by root only: the servers run as root),
 * removed when the process exits so a test can hand the same certificate to several servers.
 */
export declare function makeSelfSignedCertificate(commonName?: string): Promise<TestCertificate>;
/** Writes key.pem and cert.pem for a self-signed certificate into `dir` (see makeSelfSignedCertificate). */
export declare function writeSelfSignedCertificate(dir: string, commonName?: string): Promise<TestCertificate>;
