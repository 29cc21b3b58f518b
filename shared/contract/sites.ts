/**
 * Methods and events of the site manager: the tree of folders and sites, saved
 * passwords (only ever as `hasPassword`), import/export, recent quick
 * connections, trusted certificates and host keys, and the app's settings.
 *
 * Security: no output schema here has a field that can carry a password or a
 * key passphrase. Passwords travel renderer → main only (the user typed them);
 * nothing sends them back.
 */
import * as z from 'zod';

// ───────────────────────────── building blocks ─────────────────────────────

/** True when `text` contains a control character (C0, DEL or C1). */
function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f]/.test(text);
}

/** The id of a site or folder, as Ferry generated it. */
export const NodeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a site or folder id');
export type NodeId = z.infer<typeof NodeId>;

/** A site, folder or bookmark name: not blank, one line, at most 255 characters. */
export const ItemName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => name.trim().length > 0, 'a name cannot be blank')
  .refine((name) => !hasControlCharacter(name), 'a name cannot contain control characters');

/** A single line of text (user, account, host…): no control characters. */
const OneLine = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !hasControlCharacter(text), 'cannot contain control characters');

/** A host name or address as typed: no spaces. Empty while the user has not filled it in. */
export const Host = OneLine(255).refine((host) => !/\s/.test(host), 'a host cannot contain spaces');

/** A folder path (local or remote) as the user typed it; empty means "none". */
export const FolderPath = OneLine(4096);

/** FTP (with or without TLS) or SFTP. */
export const Protocol = z.enum(['ftp', 'sftp']);
export type Protocol = z.infer<typeof Protocol>;

/**
 * How an FTP site uses TLS: `require-explicit` (AUTH TLS, the default),
 * `explicit-if-available` (falls back to plain only after a visible warning),
 * `implicit` (TLS from the first byte, port 990) or `plain` (no encryption).
 * Ignored for SFTP.
 */
export const Encryption = z.enum(['require-explicit', 'explicit-if-available', 'implicit', 'plain']);
export type Encryption = z.infer<typeof Encryption>;

/**
 * How Ferry logs in: `anonymous`; `normal` (user + saved password); `ask`
 * (the password is asked at connect time); `interactive` (the server's
 * prompts are shown); `key` (SFTP key file, optional saved passphrase).
 */
export const LogonType = z.enum(['anonymous', 'normal', 'ask', 'interactive', 'key']);
export type LogonType = z.infer<typeof LogonType>;

/** FTP data connections: the global default, or forced passive/active. */
export const TransferMode = z.enum(['default', 'passive', 'active']);
export type TransferMode = z.infer<typeof TransferMode>;

/** A site's background colour in the panes (FileZilla's eight). */
export const SiteColour = z.enum(['none', 'red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange']);
export type SiteColour = z.infer<typeof SiteColour>;

/** A named pair of folders to jump to. */
export const Bookmark = z
  .object({
    name: ItemName,
    localFolder: FolderPath,
    remoteFolder: FolderPath,
  })
  .strict();
export type Bookmark = z.infer<typeof Bookmark>;

/**
 * Every field of a site the user edits, except its name and its secrets.
 * This is also what `sites.json` stores for a site.
 */
export const SiteFields = z
  .object({
    protocol: Protocol,
    encryption: Encryption,
    host: Host,
    /** `null` means the protocol's default: 21 (FTP), 990 (implicit TLS), 22 (SFTP). */
    port: z.number().int().min(1).max(65535).nullable(),
    logonType: LogonType,
    user: OneLine(1024),
    /** FTP `ACCT` (sent when the server asks with 332). */
    account: OneLine(1024),
    /** Private key file for SFTP key logon. */
    keyFile: FolderPath,
    localFolder: FolderPath,
    remoteFolder: FolderPath,
    transferMode: TransferMode,
    /** Most connections to open to this site at once; 0 means the global setting. */
    connectionLimit: z.number().int().min(0).max(10),
    /** `auto` (UTF-8 when the server offers it), or an encoding name such as `windows-1252`. */
    charset: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'not an encoding name'),
    /** Added to the server's times, in minutes (−24 h … +24 h). */
    timeOffsetMinutes: z
      .number()
      .int()
      .min(-24 * 60)
      .max(24 * 60),
    colour: SiteColour,
    comments: z.string().max(100_000),
    bookmarks: z.array(Bookmark).max(1000),
    /** Entering a folder on one side enters the same relative folder on the other. */
    syncBrowsing: z.boolean(),
    /** Upload to a temporary name and rename when complete. */
    uploadToTemporaryName: z.boolean(),
  })
  .strict();
export type SiteFields = z.infer<typeof SiteFields>;

/** Any subset of {@link SiteFields}: what create and update accept. Missing fields keep their value (or the default). */
export const SiteFieldsPatch = SiteFields.partial().strict();
export type SiteFieldsPatch = z.infer<typeof SiteFieldsPatch>;

/** A site as the renderer sees it: its fields, and whether secrets are saved, never the secrets. */
export const Site = SiteFields.extend({
  kind: z.literal('site'),
  id: NodeId,
  name: z.string(),
  /** The folder it is in; `null` for the top level. */
  parentId: NodeId.nullable(),
  /** `Folder/Sub/Name`, escaped like a `site:` reference. */
  path: z.string(),
  /** The port actually used: {@link SiteFields.port} or the protocol's default. */
  effectivePort: z.number(),
  hasPassword: z.boolean(),
  hasKeyPassphrase: z.boolean(),
  /** Why Ferry will ask for a password when connecting although the logon type saves one; `null` when it won't. */
  passwordNotice: z.string().nullable(),
});
export type Site = z.infer<typeof Site>;

/** A folder of the tree. */
export const SiteFolder = z.object({
  kind: z.literal('folder'),
  id: NodeId,
  name: z.string(),
  parentId: NodeId.nullable(),
  path: z.string(),
});
export type SiteFolder = z.infer<typeof SiteFolder>;

/** A site as the tree shows it. */
export const SiteSummary = z.object({
  kind: z.literal('site'),
  id: NodeId,
  name: z.string(),
  protocol: Protocol,
  encryption: Encryption,
  host: z.string(),
  effectivePort: z.number(),
  user: z.string(),
  colour: SiteColour,
  hasPassword: z.boolean(),
});
export type SiteSummary = z.infer<typeof SiteSummary>;

/** A folder of the tree with its children: folders first, then sites, each sorted by name. */
export interface SiteTreeFolder {
  kind: 'folder';
  id: string;
  name: string;
  children: SiteTreeNode[];
}
/** One node of the tree. */
export type SiteTreeNode = SiteTreeFolder | SiteSummary;

/** A folder of the tree with its children. */
export const SiteTreeFolder: z.ZodType<SiteTreeFolder> = z.object({
  kind: z.literal('folder'),
  id: NodeId,
  name: z.string(),
  get children() {
    return z.array(SiteTreeNode);
  },
});
/** One node of the tree. */
export const SiteTreeNode: z.ZodType<SiteTreeNode> = z.union([SiteTreeFolder, SiteSummary]);

/** The whole tree: the top level's folders and sites. */
export const SiteTree = z.object({ children: z.array(SiteTreeNode) });
export type SiteTree = z.infer<typeof SiteTree>;

/** A new password: at most 1024 characters, no NUL (FTP and SSH cannot carry it). */
export const PasswordText = z
  .string()
  .min(1)
  .max(1024)
  .refine((text) => !text.includes('\0'), 'a password cannot contain a NUL character');

/** What to do with a saved secret on update. */
export const SecretChange = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }).strict(),
  z.object({ action: z.literal('clear') }).strict(),
  z.object({ action: z.literal('set'), value: PasswordText }).strict(),
]);
export type SecretChange = z.infer<typeof SecretChange>;

/** A create/update result: the site, and a sentence when a password could not be saved (and why). */
export const SiteSaved = z.object({ site: Site, notice: z.string().nullable() });
export type SiteSaved = z.infer<typeof SiteSaved>;

/** Something a storage file had wrong when Ferry opened it, kept aside and not overwritten. */
export const StorageProblem = z.object({
  /** The file Ferry could not use, e.g. `/home/me/.config/Ferry/sites.json`. */
  file: z.string(),
  /** Where the unreadable file was moved, so nothing is lost. */
  keptAs: z.string(),
  message: z.string(),
});
export type StorageProblem = z.infer<typeof StorageProblem>;

// ───────────────────────────── import / export ─────────────────────────────

/** A remark about one imported or exported item (a field Ferry skipped, a password not imported…). */
export const TransferNote = z.object({
  /** `Folder/Site` the note is about; empty for the whole file. */
  item: z.string(),
  message: z.string(),
});
export type TransferNote = z.infer<typeof TransferNote>;

/** What an import did. */
export const ImportReport = z.object({
  folders: z.number(),
  sites: z.number(),
  passwords: z.number(),
  notes: z.array(TransferNote),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Formats Ferry reads and writes. `auto` (import only) looks at the first character. */
export const ExchangeFormat = z.enum(['filezilla', 'ferry']);
export type ExchangeFormat = z.infer<typeof ExchangeFormat>;

/** What an export produced. */
export const ExportResult = z.object({
  /** A suggested file name, e.g. `sitemanager.xml`. */
  fileName: z.string(),
  /** The file's text, when it holds no password. */
  content: z.string().nullable(),
  /**
   * Where the main process saved the file, when it holds passwords. Such a file
   * is never handed to the renderer: the renderer can never read a secret back.
   */
  savedTo: z.string().nullable(),
  notes: z.array(TransferNote),
});
export type ExportResult = z.infer<typeof ExportResult>;

// ───────────────────────────── recent, secrets, trust ─────────────────────────────

/** A quick connection Ferry remembers (never with its password). */
export const RecentConnection = z.object({
  protocol: Protocol,
  encryption: Encryption,
  host: z.string(),
  port: z.number(),
  user: z.string(),
  /** Milliseconds since the epoch. */
  lastUsed: z.number(),
});
export type RecentConnection = z.infer<typeof RecentConnection>;

/**
 * How saved passwords are protected: the OS `keyring`, a `master-password`, or
 * `none` (no protection available, so Ferry saves no password at all).
 */
export const SecretsMode = z.enum(['keyring', 'master-password', 'none']);
export type SecretsMode = z.infer<typeof SecretsMode>;

/** The state of saved passwords. */
export const SecretsStatus = z.object({
  mode: SecretsMode,
  /** A master password is set and has not been entered yet. */
  locked: z.boolean(),
  /** How many passwords and passphrases are saved. */
  saved: z.number(),
  /** Whether a new password would be saved now. */
  canSave: z.boolean(),
  /** The "never save passwords" setting. */
  neverSave: z.boolean(),
  /** Something the user should know, e.g. saved passwords that this run cannot read. */
  problem: z.string().nullable(),
});
export type SecretsStatus = z.infer<typeof SecretsStatus>;

/** A master password as typed. */
export const MasterPassword = z.string().min(1).max(1024);

/** What is trusted: an FTPS certificate or an SSH host key. */
export const TrustKind = z.enum(['certificate', 'host-key']);

/** One pinned certificate or host key. */
export const TrustEntry = z.object({
  kind: TrustKind,
  host: z.string(),
  port: z.number(),
  /** SHA-256: `AB:CD:…` for certificates, `SHA256:…` for host keys. */
  fingerprint: z.string(),
  /** Milliseconds since the epoch. */
  added: z.number(),
  /** A certificate's subject, when known. */
  subject: z.string().nullable(),
  /** A host key's type (`ssh-ed25519`…), when known. */
  keyType: z.string().nullable(),
});
export type TrustEntry = z.infer<typeof TrustEntry>;

// ───────────────────────────── settings ─────────────────────────────

/** What to do when a file being transferred already exists. */
export const ConflictAction = z.enum([
  'ask',
  'overwrite',
  'overwrite-if-newer',
  'overwrite-if-size-differs',
  'overwrite-if-size-differs-or-newer',
  'resume',
  'keep-both',
  'skip',
]);
export type ConflictAction = z.infer<typeof ConflictAction>;

const Seconds = z.number().int().min(1).max(3600);

/** The app's settings. */
export const Settings = z
  .object({
    /** Transfers running at once (FileZilla: 2, at most 10). */
    concurrentTransfers: z.number().int().min(1).max(10),
    /** KiB/s per direction; 0 means unlimited. */
    speedLimits: z
      .object({
        downloadKiBps: z.number().int().min(0).max(10_000_000),
        uploadKiBps: z.number().int().min(0).max(10_000_000),
      })
      .strict(),
    defaultConflictAction: ConflictAction,
    /** Skip files that exist with the same size and time without asking. */
    skipIdenticalFiles: z.boolean(),
    preserveTimestamps: z.boolean(),
    showHiddenFiles: z.boolean(),
    timeouts: z
      .object({
        connectSeconds: Seconds,
        replySeconds: Seconds,
        dataIdleSeconds: Seconds,
      })
      .strict(),
    /** FTP data connections for sites set to "default". */
    transferModeDefault: z.enum(['passive', 'active']),
    /** Local ports for active mode; `null` lets the system choose. */
    activePortRange: z
      .object({ from: z.number().int().min(1024).max(65535), to: z.number().int().min(1024).max(65535) })
      .strict()
      .refine((range) => range.from <= range.to, 'the first port must not be above the last')
      .nullable(),
    /** Address sent in PORT/EPRT for active mode; empty means the control connection's own address. */
    activeExternalAddress: Host,
    theme: z.enum(['system', 'light', 'dark']),
    /** Ferry never saves a password; every site asks when connecting. */
    neverSavePasswords: z.boolean(),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

/** Any subset of {@link Settings}; nested objects are replaced whole. */
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

// ───────────────────────────── the table ─────────────────────────────

const NoInput = z.object({}).strict();
const Done = z.object({});
const ById = z.object({ id: NodeId }).strict();
const ParentId = NodeId.nullable();

/** The site manager's methods: name → input and output schemas. */
export const sitesMethods = {
  'sites.tree': { input: NoInput, output: SiteTree },
  'sites.get': { input: ById, output: Site },
  'sites.create': {
    input: z
      .object({
        parentId: ParentId,
        name: ItemName,
        fields: SiteFieldsPatch.default({}),
        password: PasswordText.optional(),
        keyPassphrase: PasswordText.optional(),
      })
      .strict(),
    output: SiteSaved,
  },
  'sites.update': {
    input: z
      .object({
        id: NodeId,
        fields: SiteFieldsPatch.default({}),
        password: SecretChange.optional(),
        keyPassphrase: SecretChange.optional(),
      })
      .strict(),
    output: SiteSaved,
  },
  'sites.createFolder': { input: z.object({ parentId: ParentId, name: ItemName }).strict(), output: SiteFolder },
  'sites.rename': { input: z.object({ id: NodeId, name: ItemName }).strict(), output: Done },
  'sites.duplicate': { input: ById, output: z.object({ id: NodeId, name: z.string() }) },
  'sites.move': { input: z.object({ id: NodeId, parentId: ParentId }).strict(), output: Done },
  'sites.remove': { input: ById, output: Done },
  'sites.import': {
    input: z
      .object({
        /** The file's text, e.g. from a file picker (the renderer sends content, never a path). */
        content: z.string().min(1).max(20 * 1024 * 1024),
        format: z.union([ExchangeFormat, z.literal('auto')]).default('auto'),
        /** The folder to import into; `null` for the top level. */
        parentId: ParentId.default(null),
      })
      .strict(),
    output: ImportReport,
  },
  'sites.export': {
    input: z
      .object({
        format: ExchangeFormat,
        /** Sites and folders to export; all when omitted. */
        ids: z.array(NodeId).max(100_000).optional(),
        includePasswords: z.boolean().default(false),
      })
      .strict(),
    output: ExportResult,
  },
  'sites.recent': { input: NoInput, output: z.array(RecentConnection) },
  'sites.clearRecent': { input: NoInput, output: Done },
  /** Files Ferry found unreadable at start-up and kept aside. */
  'sites.problems': { input: NoInput, output: z.array(StorageProblem) },
  'secrets.status': { input: NoInput, output: SecretsStatus },
  'secrets.unlock': { input: z.object({ password: MasterPassword }).strict(), output: SecretsStatus },
  'secrets.lock': { input: NoInput, output: SecretsStatus },
  'secrets.setMasterPassword': {
    input: z
      .object({
        /** Required when a master password is set. */
        current: MasterPassword.optional(),
        /** The new master password, or `null` to remove it. */
        next: MasterPassword.nullable(),
        /** Confirms dropping saved passwords that cannot be kept (no keyring to move them to). */
        forgetSavedPasswords: z.boolean().default(false),
      })
      .strict(),
    output: SecretsStatus,
  },
  'trust.list': { input: NoInput, output: z.array(TrustEntry) },
  'trust.remove': {
    input: z
      .object({
        kind: TrustKind,
        host: z.string().min(1).max(255),
        port: z.number().int().min(1).max(65535),
        /** One fingerprint; every fingerprint of this host:port when omitted. */
        fingerprint: z.string().min(1).max(200).optional(),
      })
      .strict(),
    output: z.object({ removed: z.number() }),
  },
  'settings.get': { input: NoInput, output: Settings },
  'settings.update': { input: SettingsPatch, output: Settings },
} as const;

/** The site manager's events: name → payload schema. */
export const sitesEvents = {
  /** The tree or a site changed: fetch what you show again. */
  'sites.changed': z.object({}),
  'settings.changed': Settings,
  'secrets.changed': SecretsStatus,
} as const;
