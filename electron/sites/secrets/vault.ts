/**
 * Saved passwords and key passphrases, main process only. Each secret is
 * encrypted on its own in secrets.json: by the OS keyring when there is a real
 * one, or with a key derived from the master password. Without either, Ferry
 * saves no secret at all (it never writes one in plain text).
 *
 * Nothing here ever returns a secret to the renderer: handlers see only
 * {@link SecretVault.has} and {@link SecretVault.status}.
 */
import type { SecretsMode, SecretsStatus, StorageProblem } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { JsonStore } from '../storage/json-store';
import { keyringOpen, keyringSeal, usableKeyring, type Keyring } from './keyring';
import { deriveKey, newKdfParams, open, seal, VERIFIER_LABEL, VERIFIER_TEXT, type KdfParams } from './master-key';
import { secretsFileSpec, type MasterPasswordRecord, type SecretsDocument } from './secrets-file';

/** Options for {@link SecretVault.open}. */
export interface SecretVaultOptions {
  dataDir: string;
  /** Electron's `safeStorage`, passed in by main.ts; absent under plain Node. */
  keyring?: Keyring | null;
  /** For tests of the Linux `basic_text` rule; defaults to this machine's platform. */
  platform?: NodeJS.Platform;
}

/** Set or clear several secrets at once: a value saves it, `null` removes it. */
export type SecretChanges = Record<string, string | null>;

/** The encrypted store of secrets; see the module comment. */
export class SecretVault {
  /** The master key while unlocked; zero-filled and dropped by {@link lock}. */
  private key: Buffer | null = null;
  private neverSave = false;
  private readonly listeners = new Set<(status: SecretsStatus) => void>();

  private constructor(
    private readonly store: JsonStore<SecretsDocument>,
    private readonly keyring: Keyring | null,
  ) {}

  /** Opens `DATA_DIR/secrets.json`. With a master password set, the vault starts locked. */
  static async open(options: SecretVaultOptions): Promise<SecretVault> {
    const store = await JsonStore.open(secretsFileSpec(options.dataDir));
    return new SecretVault(store, usableKeyring(options.keyring, options.platform));
  }

  /** The file of secrets (for tests and diagnostics). */
  get file(): string {
    return this.store.file;
  }

  /** Set when secrets.json was unreadable at start-up and was kept aside. */
  get problem(): StorageProblem | null {
    return this.store.problem;
  }

  /** How secrets are protected now. A master password, once set, wins over the keyring. */
  mode(): SecretsMode {
    if (this.store.data.master) return 'master-password';
    return this.keyring ? 'keyring' : 'none';
  }

  /** A master password is set and has not been entered in this run. */
  isLocked(): boolean {
    return this.store.data.master !== null && this.key === null;
  }

  /** The state the settings screen and the CLI show. */
  status(): SecretsStatus {
    return {
      mode: this.mode(),
      locked: this.isLocked(),
      saved: Object.keys(this.store.data.entries).length,
      canSave: this.whyCannotSave() === null,
      neverSave: this.neverSave,
      problem: this.unreadableProblem(),
    };
  }

  /** Calls `listener` whenever {@link status} may have changed. Returns a function that stops it. */
  onChange(listener: (status: SecretsStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `null` when a new secret would be saved now; otherwise the sentence that tells the user why not. */
  whyCannotSave(): string | null {
    if (this.neverSave) return 'Ferry did not save the password because "Never save passwords" is on in Settings.';
    switch (this.mode()) {
      case 'keyring':
        return null;
      case 'master-password':
        return this.key ? null : 'Saved passwords are locked: enter your master password to save or change one.';
      case 'none':
        return 'Ferry did not save the password: there is no system keyring here to protect it. Set a master password in Settings to save passwords.';
    }
  }

  /** Applies the "never save passwords" setting: while on, {@link save} refuses new secrets. */
  setNeverSave(neverSave: boolean): void {
    if (this.neverSave === neverSave) return;
    this.neverSave = neverSave;
    this.changed();
  }

  /** True when a secret called `name` is saved (readable or not). Works while locked. */
  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.store.data.entries, name);
  }

  /** The names of every saved secret (never their values). */
  names(): string[] {
    return Object.keys(this.store.data.entries);
  }

  /**
   * The secret called `name`, `null` when none is saved or it cannot be read in
   * this run (see {@link status}`.problem`). Throws `LOCKED` while locked.
   */
  async get(name: string): Promise<string | null> {
    const entry = this.store.data.entries[name];
    if (!entry) return null;
    if (this.store.data.master) {
      if (!this.key) throw lockedError();
      return 'iv' in entry ? open(this.key, entry, name) : null;
    }
    if (!this.keyring || !('keyring' in entry)) return null;
    return keyringOpen(this.keyring, entry.keyring, name);
  }

  /**
   * Saves and removes secrets in one atomic write. Removing always works (even
   * locked); saving throws `LOCKED` or `UNSUPPORTED` with the reason when
   * {@link whyCannotSave} says no.
   */
  async save(changes: SecretChanges): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    const saving = Object.values(changes).some((value) => value !== null);
    if (saving) {
      const reason = this.whyCannotSave();
      if (reason !== null) throw new FerryError(this.isLocked() ? 'LOCKED' : 'UNSUPPORTED', reason);
    }
    await this.store.update((draft) => {
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) delete draft.entries[name];
        else draft.entries[name] = this.encrypt(value, name);
      }
    });
    this.changed();
  }

  /** Removes every saved secret (the master password, if any, stays). */
  async forgetAll(): Promise<void> {
    await this.store.update((draft) => {
      draft.entries = {};
    });
    this.changed();
  }

  /** Enters the master password. Throws `AUTH_FAILED` when it is wrong. */
  async unlock(password: string): Promise<void> {
    const master = this.store.data.master;
    if (!master) throw new FerryError('INVALID_INPUT', 'No master password is set, so there is nothing to unlock.');
    const key = await keyFor(password, master);
    if (!key) throw wrongPassword();
    this.replaceKey(key);
    this.changed();
  }

  /** Forgets the master key: saved secrets stay on disk but cannot be read until {@link unlock}. */
  lock(): void {
    if (!this.store.data.master) return;
    this.replaceKey(null);
    this.changed();
  }

  /**
   * Sets, changes or removes (`next` = `null`) the master password. Every saved
   * secret is re-encrypted and the whole file replaced in one atomic write, so
   * a crash leaves either the old protection or the new one, never a mix.
   *
   * `current` must be given and right when a master password is set. Removing
   * it moves secrets to the keyring when there is one; otherwise they would be
   * lost, which happens only with `forgetSavedPasswords` (else `CONFLICT`).
   */
  async setMasterPassword(current: string | undefined, next: string | null, forgetSavedPasswords = false): Promise<void> {
    const master = this.store.data.master;
    let oldKey: Buffer | null = null;
    if (master) {
      if (current === undefined) throw new FerryError('AUTH_FAILED', 'Enter the current master password to change it.');
      oldKey = await keyFor(current, master);
      if (!oldKey) throw wrongPassword();
    } else if (next === null) {
      throw new FerryError('INVALID_INPUT', 'No master password is set, so there is none to remove.');
    }
    const params = next === null ? null : newKdfParams();
    const newKey = params && next !== null ? await deriveKey(next, params) : null;
    if (newKey === null && !this.keyring && !forgetSavedPasswords && Object.keys(this.store.data.entries).length > 0) {
      throw new FerryError(
        'CONFLICT',
        'Without a master password and without a system keyring, Ferry cannot keep saved passwords. Confirm to forget them.',
      );
    }
    let committed = false;
    try {
      await this.store.update(
        (draft) => {
          const plain = this.readAll(draft, oldKey);
          const unreadable = Object.keys(draft.entries).length - plain.size;
          if (unreadable > 0 && !forgetSavedPasswords) {
            throw new FerryError(
              'CONFLICT',
              `${plural(unreadable, 'saved password')} cannot be read (damaged, or protected by a system keyring this run of Ferry cannot use) and would be lost. Confirm to forget them.`,
            );
          }
          draft.master = newKey && params ? masterRecord(newKey, params) : null;
          draft.entries = {};
          for (const [name, value] of plain) {
            if (newKey) draft.entries[name] = seal(newKey, value, name);
            else if (this.keyring) draft.entries[name] = { keyring: keyringSeal(this.keyring, value, name) };
            // else: forgetting was confirmed above.
          }
        },
        () => {
          committed = true;
          this.replaceKey(newKey);
        },
      );
    } finally {
      // Keys live in memory only as long as needed: the old one never, the new one only if it is now in use.
      oldKey?.fill(0);
      if (!committed) newKey?.fill(0);
    }
    this.changed();
  }

  /** Decrypts every entry of `document` that can be read with `key` (or the keyring). */
  private readAll(document: SecretsDocument, key: Buffer | null): Map<string, string> {
    const plain = new Map<string, string>();
    for (const [name, entry] of Object.entries(document.entries)) {
      let value: string | null = null;
      if (key && 'iv' in entry) value = open(key, entry, name);
      else if (!key && this.keyring && 'keyring' in entry) value = keyringOpen(this.keyring, entry.keyring, name);
      if (value !== null) plain.set(name, value);
    }
    return plain;
  }

  private encrypt(value: string, name: string): SecretsDocument['entries'][string] {
    if (this.store.data.master) {
      if (!this.key) throw lockedError();
      return seal(this.key, value, name);
    }
    if (!this.keyring) throw new FerryError('UNSUPPORTED', 'There is no safe place to save the password.');
    return { keyring: keyringSeal(this.keyring, value, name) };
  }

  private replaceKey(key: Buffer | null): void {
    if (this.key && this.key !== key) this.key.fill(0);
    this.key = key;
  }

  private unreadableProblem(): string | null {
    const count = Object.keys(this.store.data.entries).length;
    if (this.mode() !== 'none' || count === 0) return null;
    return `${plural(count, 'saved password')} ${count === 1 ? 'was' : 'were'} protected by the system keyring, which this run of Ferry cannot use (for example the command line). They are kept; until then Ferry asks for passwords.`;
  }

  private changed(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}

/** The key for `password` when it is the right one for `master`, else `null`. */
async function keyFor(password: string, master: MasterPasswordRecord): Promise<Buffer | null> {
  const key = await deriveKey(password, master);
  if (open(key, master.verifier, VERIFIER_LABEL) === VERIFIER_TEXT) return key;
  key.fill(0);
  return null;
}

function masterRecord(key: Buffer, params: KdfParams): MasterPasswordRecord {
  return { kdf: 'scrypt', ...params, verifier: seal(key, VERIFIER_TEXT, VERIFIER_LABEL) };
}

function lockedError(): FerryError {
  return new FerryError('LOCKED', 'Saved passwords are locked. Enter your master password to unlock them.');
}

function wrongPassword(): FerryError {
  return new FerryError('AUTH_FAILED', 'The master password is not correct.');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
