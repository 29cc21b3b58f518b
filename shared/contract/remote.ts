/**
 * Methods of the remote pane: connect to a server (a saved site or a quick
 * connection), browse it and change it. Transfers have their own contract.
 */
import * as z from 'zod';
import { PathSegment } from './local';
import { RemoteEntry } from '../types/remote';
import { Encryption, Protocol, TransferMode as DataMode } from './sites';

// The connection vocabulary is the site manager's: a quick connection is a site not saved.
export { Encryption, Protocol } from './sites';
/** Passive, active, or whatever works (passive first): the sites' transfer mode. */
export { TransferMode as DataMode } from './sites';

/** A remote path as the renderer sends it: absolute, bounded, no NUL. */
export const RemotePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/'), 'a remote path starts with /')
  .refine((p) => !p.includes('\0'), 'a path cannot contain a NUL byte');

/** What the quick-connect bar sends. The password is what the user just typed. */
export const QuickConnect = z
  .object({
    protocol: Protocol,
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).optional(),
    user: z.string().max(256).optional(),
    password: z.string().max(4096).optional(),
    encryption: Encryption.optional(),
    dataMode: DataMode.optional(),
  })
  .strict();
export type QuickConnect = z.infer<typeof QuickConnect>;

/** Where to connect: a saved site by id, or a quick connection. */
export const ConnectTarget = z.union([z.object({ siteId: z.string().min(1).max(200) }).strict(), z.object({ quick: QuickConnect }).strict()]);
export type ConnectTarget = z.infer<typeof ConnectTarget>;

/** How a connection is protected, for the status bar and the insecure banner. */
export const SessionSecurity = z.object({
  encrypted: z.boolean(),
  protocol: z.string().optional(),
  cipher: z.string().optional(),
  downgraded: z.boolean().optional(),
});

/** One open connection of the remote pane. */
export const SessionInfo = z.object({
  id: z.string(),
  label: z.string(),
  protocol: Protocol,
  host: z.string(),
  port: z.number(),
  user: z.string(),
  home: z.string(),
  security: SessionSecurity,
  state: z.enum(['connected', 'lost', 'closed']),
  /** Why the session was lost, when it was. */
  error: z.string().optional(),
  siteId: z.string().optional(),
  /** The key transfers to and from this server are queued under (`transfers.enqueue`'s `site`). */
  transferKey: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** A listed remote folder. */
export const RemoteListing = z.object({
  path: z.string(),
  parent: z.string().nullable(),
  segments: z.array(PathSegment),
  entries: z.array(RemoteEntry),
});
export type RemoteListing = z.infer<typeof RemoteListing>;

const SessionId = z.string().min(1).max(100);

/** A listed entry the user picked: its path and kind (a link is never followed when deleting). */
export const RemoteItem = z.object({ path: RemotePath, kind: z.enum(['file', 'dir', 'link']) }).strict();
export type RemoteItem = z.infer<typeof RemoteItem>;
const Ok = z.object({});

export const remoteMethods = {
  'remote.connect': { input: z.object({ target: ConnectTarget }).strict(), output: SessionInfo },
  'remote.disconnect': { input: z.object({ sessionId: SessionId }).strict(), output: Ok },
  'remote.sessions': { input: z.object({}).strict(), output: z.array(SessionInfo) },
  'remote.list': {
    input: z.object({ sessionId: SessionId, path: RemotePath, hidden: z.boolean().optional() }).strict(),
    output: RemoteListing,
  },
  'remote.mkdir': { input: z.object({ sessionId: SessionId, path: RemotePath }).strict(), output: Ok },
  'remote.rename': { input: z.object({ sessionId: SessionId, from: RemotePath, to: RemotePath }).strict(), output: Ok },
  'remote.remove': {
    input: z.object({ sessionId: SessionId, items: z.array(RemoteItem).min(1).max(100_000) }).strict(),
    output: z.object({ removed: z.number(), failed: z.array(z.object({ path: z.string(), message: z.string() })) }),
  },
  'remote.chmod': {
    input: z
      .object({
        sessionId: SessionId,
        items: z.array(RemoteItem).min(1).max(100_000),
        mode: z.number().int().min(0).max(0o7777),
        recurse: z.enum(['none', 'all', 'files', 'folders']).default('none'),
      })
      .strict(),
    output: z.object({ changed: z.number(), failed: z.array(z.object({ path: z.string(), message: z.string() })) }),
  },
} as const;

export const remoteEvents = {
  /** A session connected, was lost, or closed. */
  'remote.session': SessionInfo,
} as const;
