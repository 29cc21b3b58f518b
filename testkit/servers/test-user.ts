/**
 * The real system user that vsftpd and sshd log in as. Created once per machine
 * (needs root) and reused; safe when several Vitest workers ask at the same moment.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Name and password of the test user. Not a secret: it only exists on test machines. */
export const TEST_USER = 'ferrytest';
/** Password of {@link TEST_USER}. */
export const TEST_PASSWORD = 'ferry-Test-pw1';

/** Lock file that serialises user creation across processes. */
const LOCK_FILE = '/tmp/ferry-testkit-user.lock';

/*
 * Run under flock so two workers never run useradd at once (the second would fail and
 * /etc/passwd editing tools hold their own short locks). The password is set only when the
 * account has no usable one ('passwd -S' status other than P), which also repairs a run that
 * died between useradd and chpasswd without rewriting /etc/shadow on every start.
 */
const SCRIPT = `
set -e
if ! id -u ${TEST_USER} >/dev/null 2>&1; then
  useradd -m -s /bin/bash ${TEST_USER}
fi
if [ "$(passwd -S ${TEST_USER} | cut -d' ' -f2)" != "P" ]; then
  echo '${TEST_USER}:${TEST_PASSWORD}' | chpasswd
fi
`;

let ensured: Promise<{ user: string; password: string }> | undefined;

/**
 * Makes sure the test user exists with the known password and returns its credentials.
 * Idempotent. Fails with a clear message when not run as root.
 */
export function ensureTestUser(): Promise<{ user: string; password: string }> {
  ensured ??= (async () => {
    if (process.getuid?.() !== 0) {
      throw new Error('The test servers need root: they create the system user "ferrytest" and run vsftpd/sshd.');
    }
    try {
      await run('/usr/bin/flock', [LOCK_FILE, '/bin/sh', '-c', SCRIPT], {
        env: { ...process.env, PATH: `/usr/sbin:/usr/bin:/sbin:/bin` },
      });
    } catch (error) {
      ensured = undefined; // let a later call try again
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`Could not create the test user ${TEST_USER}: ${stderr.trim() || (error as Error).message}`);
    }
    return { user: TEST_USER, password: TEST_PASSWORD };
  })();
  return ensured;
}

/** Numeric uid and gid of the test user (after {@link ensureTestUser}). */
export async function testUserIds(): Promise<{ uid: number; gid: number }> {
  await ensureTestUser();
  const [uid, gid] = await Promise.all([run('/usr/bin/id', ['-u', TEST_USER]), run('/usr/bin/id', ['-g', TEST_USER])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Makes the test user own `target` and everything under it, so files a test
 * writes into a server's root (as root) can be changed through the server.
 */
export async function giveToTestUser(target: string): Promise<void> {
  const { uid, gid } = await testUserIds();
  const { chown, lstat, readdir } = await import('node:fs/promises');
  const walk = async (entry: string): Promise<void> => {
    await chown(entry, uid, gid);
    if ((await lstat(entry)).isDirectory()) {
      for (const name of await readdir(entry)) await walk(`${entry}/${name}`);
    }
  };
  await walk(target);
}
