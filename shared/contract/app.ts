/** Methods and events about the running application itself. */
import * as z from 'zod';

/** Which transport carries the API to this renderer. */
export const TransportKind = z.enum(['electron', 'websocket', 'memory']);

/** What `app.info` returns. */
export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  transport: TransportKind,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appMethods = {
  'app.info': { input: z.object({}).strict(), output: AppInfo },
} as const;

/** A line for the activity log: status, command, response, or error. */
export const LogLine = z.object({
  time: z.number(),
  level: z.enum(['status', 'command', 'response', 'error', 'warning']),
  source: z.string(),
  text: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;

export const appEvents = {
  'app.log': LogLine,
} as const;
