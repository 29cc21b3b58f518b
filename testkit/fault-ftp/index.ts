/** The scripted fault FTP server for tests; see server.ts. */
export { startFaultFtpServer, type FaultFtpOptions, type FaultFtpServer, type FaultHandler, type FaultSession } from './server';
