/** Name and password of the test user. Not a secret: it only exists on test machines. */
export declare const TEST_USER = "ferrytest";
/** Password of {@link TEST_USER}. */
export declare const TEST_PASSWORD = "ferry-Test-pw1";
/**
 * Makes sure the test user exists with the known password and returns its credentials.
 * Idempotent. Fails with a clear message when not run as root.
 */
export declare function ensureTestUser(): Promise<{
    user: string;
    password: string;
}>;
/** Numeric uid and gid of the test user (after {@link ensureTestUser}). */
export declare function testUserIds(): Promise<{
    uid: number;
    gid: number;
}>;
