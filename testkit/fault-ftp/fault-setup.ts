/** Per-test fault servers, stopped after each test. */
import { afterEach } from 'vitest';
import { startFaultFtpServer, type FaultFtpOptions, type FaultFtpServer } from './server';

/** Registers cleanup and returns a starter: every server it starts is stopped after the test. */
export function useFaultServers(): { server: (options?: FaultFtpOptions) => Promise<FaultFtpServer>; forget: (s: FaultFtpServer) => void } {
  const servers: FaultFtpServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  return {
    async server(options: FaultFtpOptions = {}) {
      const started = await startFaultFtpServer(options);
      servers.push(started);
      return started;
    },
    forget(s) {
      const index = servers.indexOf(s);
      if (index !== -1) servers.splice(index, 1);
    },
  };
}

/** Writes `text` one byte per TCP segment (each write waits for the previous one to flush). */
export async function writeByteByByte(write: (data: Buffer) => Promise<void>, text: string): Promise<void> {
  for (const byte of Buffer.from(text)) await write(Buffer.from([byte]));
}
